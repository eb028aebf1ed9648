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
 * candidate and validation fold. A candidate's rows are appended in one write, forced to disk, once all
 * its folds are done, so a killed run loses at most the candidate in progress. On resume the file is
 * read back, a partial last line and candidates with missing folds are dropped (the file is rewritten
 * without them), and {@link #finished} hands each search its completed candidates, which it then does
 * not fit again.
 */
public final class TuningLog implements AutoCloseable {
    public static final String FILE = "tuning.csv";
    private final Path file;
    private final FileChannel channel;
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
            Map<TrialKey, Map<Integer, Map<Integer, TuningRow>>> byCandidate = new LinkedHashMap<>();
            for (TuningRow row : read(f)) {
                byCandidate.computeIfAbsent(row.trial(), k -> new TreeMap<>()).computeIfAbsent(row.candidate(), k -> new TreeMap<>())
                        .putIfAbsent(row.fold(), row);
            }
            List<String> kept = new ArrayList<>();
            kept.add(Csv.line(TuningRow.COLUMNS));
            byCandidate.forEach((trial, candidates) -> candidates.forEach((c, rows) -> {
                if (rows.size() == folds && rows.containsKey(0) && rows.containsKey(folds - 1)) {
                    done.computeIfAbsent(trial, k -> new TreeMap<>()).put(c, List.copyOf(rows.values()));
                    rows.values().forEach(r -> kept.add(Csv.line(r.fields())));
                }
            }));
            Path tmp = f.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new TuningLog(f, done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + f + ": " + e.getMessage(), e);
        }
    }

    /** The candidates of {@code trial} completed by an earlier run, by candidate number; empty for a fresh run. */
    public synchronized Map<Integer, List<TuningRow>> finished(TrialKey trial) {
        return Map.copyOf(finished.getOrDefault(trial, Map.of()));
    }

    /** Appends the rows of one completed candidate in one forced write. */
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

    /** Reads tuning.csv; a partial last line (the run was killed while writing) is ignored. */
    public static List<TuningRow> read(Path file) {
        List<String> lines = TrialLog.completeLines(file);
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(TuningRow.COLUMNS)) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", TuningRow.COLUMNS));
        }
        List<TuningRow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(TuningRow.of(Csv.parse(lines.get(i))));
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
