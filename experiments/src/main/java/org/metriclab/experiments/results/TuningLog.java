package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.data.DataFormatException;

/**
 * The durable record of the hyperparameter searches: {@code tuning.csv}, one {@link TuningRow} per
 * candidate, rung and validation fold. A candidate's rows of one rung are appended in one write, forced to
 * disk, once all its folds are done, so a killed run loses at most the evaluation in progress. On resume the
 * file is read back, a partial last line and evaluations with missing folds are dropped (the file is
 * rewritten without them, with the current columns when it came from an older version), and
 * {@link #finished} hands each search its completed evaluations, which it then does not fit again.
 * A successive-halving search ends with {@link #settle}, which marks the candidates it stopped early.
 */
public final class TuningLog implements AutoCloseable {
    public static final String FILE = "tuning.csv";
    private final Path file;
    private FileChannel channel;
    /** Completed candidates by outer trial, each with its rows in fold order. */
    private final Map<TrialKey, Map<Integer, List<TuningRow>>> finished;

    private TuningLog(Path file, Map<TrialKey, Map<Integer, List<TuningRow>>> finished) throws IOException {
        this.file = file;
        this.finished = finished;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Opens tuning.csv in {@code dir}: a fresh file, or with {@code resume} the existing one (a fresh one when
     * there is none), keeping the candidates that have all {@code folds} folds.
     */
    public static TuningLog open(Path dir, boolean resume, int folds) {
        Path f = dir.resolve(FILE);
        try {
            Map<TrialKey, Map<Integer, List<TuningRow>>> done = new LinkedHashMap<>();
            if (!resume || !Files.isRegularFile(f)) {
                Files.writeString(f, Csv.line(TuningRow.COLUMNS) + "\n", StandardCharsets.UTF_8);
                return new TuningLog(f, done);
            }
            // trial -> candidate -> rung -> fold
            Map<TrialKey, Map<Integer, Map<Integer, Map<Integer, TuningRow>>>> byCandidate = new LinkedHashMap<>();
            for (TuningRow row : read(f)) {
                byCandidate.computeIfAbsent(row.trial(), k -> new TreeMap<>()).computeIfAbsent(row.candidate(), k -> new TreeMap<>())
                        .computeIfAbsent(row.rung(), k -> new TreeMap<>()).putIfAbsent(row.fold(), row);
            }
            List<TuningRow> kept = new ArrayList<>();
            byCandidate.forEach((trial, candidates) -> candidates.forEach((c, rungs) -> {
                List<TuningRow> complete = new ArrayList<>();
                rungs.values().forEach(rows -> {
                    if (rows.size() == folds && rows.containsKey(0) && rows.containsKey(folds - 1)) {
                        complete.addAll(rows.values());
                    }
                });
                if (!complete.isEmpty()) {
                    done.computeIfAbsent(trial, k -> new TreeMap<>()).put(c, List.copyOf(complete));
                    kept.addAll(complete);
                }
            }));
            rewrite(f, kept);
            return new TuningLog(f, done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + f + ": " + e.getMessage(), e);
        }
    }

    /** The candidates of {@code trial} completed by an earlier run, by candidate number; empty for a fresh run. */
    public synchronized Map<Integer, List<TuningRow>> finished(TrialKey trial) {
        return Map.copyOf(finished.getOrDefault(trial, Map.of()));
    }

    private static void rewrite(Path f, List<TuningRow> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Csv.line(TuningRow.COLUMNS));
        rows.forEach(r -> lines.add(Csv.line(r.fields())));
        Path tmp = f.resolveSibling(FILE + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Marks every row of each candidate in {@code prunedAt} (candidate number to the rung that stopped it) of
     * {@code trial}'s search; the file is replaced atomically, so a kill leaves either the old or the new file.
     */
    public synchronized void settle(TrialKey trial, Map<Integer, Integer> prunedAt) {
        if (prunedAt.isEmpty()) {
            return;
        }
        try {
            channel.close();
            List<TuningRow> rows = new ArrayList<>();
            for (TuningRow r : read(file)) {
                Integer rung = r.trial().equals(trial) ? prunedAt.get(r.candidate()) : null;
                rows.add(rung == null ? r : r.prunedAt(rung));
            }
            rewrite(file, rows);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage() + "; the candidates written before are kept"
                    + " (continue with run --resume)", e);
        }
    }

    /** Appends the rows of one completed evaluation (every fold of a candidate at one rung) in one forced write. */
    public synchronized void append(List<TuningRow> candidateRows) {
        StringBuilder sb = new StringBuilder();
        candidateRows.forEach(r -> sb.append(Csv.line(r.fields())).append('\n'));
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage() + "; the candidates written before are kept"
                    + " (free the space or fix the directory, then continue with run --resume)", e);
        }
    }

    /**
     * Reads tuning.csv, also as written before rungs and failure reasons were recorded (rung 0, no reasons); a
     * partial last line (the run was killed while writing) is ignored.
     */
    public static List<TuningRow> read(Path file) {
        List<String> lines = TrialLog.completeLines(file);
        List<String> header = lines.isEmpty() ? List.of() : Csv.parse(lines.get(0));
        if (!header.equals(TuningRow.COLUMNS) && !header.equals(TuningRow.COLUMNS_WITHOUT_RUNG)) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", TuningRow.COLUMNS)
                    + " (or the same without rung,reason); move the file away to start the search afresh");
        }
        List<TuningRow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                List<String> fields = Csv.parse(lines.get(i));
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException("expected " + header.size() + " fields as in the header, found " + fields.size());
                }
                out.add(TuningRow.of(fields));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
