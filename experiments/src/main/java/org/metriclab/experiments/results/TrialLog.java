package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metriclab.core.data.DataFormatException;

/**
 * The durable, append-only record of a run: {@code rows.csv} (one {@link ResultRow} per trial and
 * measure), {@code curves.csv} (learning-curve points, {@link CurvePoint}) and {@code retrieval_curves.csv}
 * (the evaluation's curves, {@link RetrievalCurvePoint}). Each completed trial is
 * appended in one write and forced to disk, curves before rows, so a killed run leaves at most one
 * partial last line. {@link #resume} repairs such files: it drops the partial line and every row or
 * curve point of a trial that does not have all its measures, so rerunning those trials never
 * duplicates. It also rewrites files of the older layouts (rows without {@code n_train}, curves as
 * iteration, objective) in the current one.
 */
public final class TrialLog implements AutoCloseable {
    public static final String ROWS = "rows.csv";
    public static final String CURVES = "curves.csv";
    private final Path dir;
    private final Target rows;
    private final Target curves;
    private final Target retrievalCurves;
    /** The first write failure; once set, every later append is refused so no line can follow a partial one. */
    private UncheckedIOException failure;

    /** An append-only file the log writes complete lines to, each write forced to disk. */
    interface Target extends AutoCloseable {
        void append(byte[] bytes) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Opens the {@link Target} of a file that exists (the files themselves in a run; a failing one in tests). */
    interface Opener {
        Target open(Path file) throws IOException;
    }

    private TrialLog(Path dir, Opener opener) throws IOException {
        this.dir = dir;
        this.rows = opener.open(dir.resolve(ROWS));
        this.curves = opener.open(dir.resolve(CURVES));
        this.retrievalCurves = opener.open(dir.resolve(RetrievalCurvePoint.FILE));
    }

    /** Starts fresh files in {@code dir}; fails when rows.csv already exists there. */
    public static TrialLog create(Path dir) {
        return create(dir, TrialLog::fileTarget);
    }

    static TrialLog create(Path dir, Opener opener) {
        Path r = dir.resolve(ROWS);
        if (Files.exists(r)) {
            throw new IllegalArgumentException(r + " already exists; pass --resume to continue that run, or choose another --out");
        }
        try {
            Files.writeString(r, Csv.line(ResultRow.COLUMNS) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(CURVES), Csv.line(CurvePoint.COLUMNS) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RetrievalCurvePoint.FILE), Csv.line(RetrievalCurvePoint.COLUMNS) + "\n", StandardCharsets.UTF_8);
            return new TrialLog(dir, opener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + r + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reopens the files of an interrupted run, keeping only trials that have every measure in
     * {@code measures}; returns the log and the set of complete trials through {@code complete}.
     */
    public static TrialLog resume(Path dir, List<String> measures, Set<TrialKey> complete) {
        return resume(dir, measures, complete, TrialLog::fileTarget);
    }

    static TrialLog resume(Path dir, List<String> measures, Set<TrialKey> complete, Opener opener) {
        Path r = dir.resolve(ROWS);
        if (!Files.isRegularFile(r)) {
            throw new IllegalArgumentException(dir + " has no " + ROWS + " to resume; run without --resume");
        }
        List<ResultRow> all = read(r);
        Map<TrialKey, Map<String, ResultRow>> byTrial = new LinkedHashMap<>();
        for (ResultRow row : all) {
            byTrial.computeIfAbsent(row.key(), k -> new LinkedHashMap<>()).putIfAbsent(row.measure(), row);
        }
        List<String> keptRows = new ArrayList<>();
        keptRows.add(Csv.line(ResultRow.COLUMNS));
        byTrial.forEach((key, rowsOfTrial) -> {
            if (rowsOfTrial.keySet().containsAll(measures)) {
                complete.add(key);
                rowsOfTrial.values().forEach(row -> keptRows.add(Csv.line(row.fields())));
            }
        });
        List<String> keptCurves = new ArrayList<>();
        keptCurves.add(Csv.line(CurvePoint.COLUMNS));
        Path c = dir.resolve(CURVES);
        if (Files.isRegularFile(c)) {
            List<String> lines = completeLines(c);
            List<String> header = lines.isEmpty() ? CurvePoint.COLUMNS
                    : CurvePoint.header(Csv.parse(lines.get(0))).orElse(CurvePoint.COLUMNS);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                try {
                    CurvePoint p = CurvePoint.of(header, Csv.parse(line));
                    if (complete.contains(p.trial())) {
                        keptCurves.add(Csv.line(p.fields()));
                    }
                } catch (IllegalArgumentException e) {
                    // a malformed curve line belongs to no complete trial; dropping it loses nothing that is kept in rows.csv
                }
            }
        }
        List<String> keptRetrieval = new ArrayList<>();
        keptRetrieval.add(Csv.line(RetrievalCurvePoint.COLUMNS));
        Path rc = dir.resolve(RetrievalCurvePoint.FILE);
        if (Files.isRegularFile(rc)) {
            List<String> lines = completeLines(rc);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                try {
                    RetrievalCurvePoint p = RetrievalCurvePoint.of(Csv.parse(line));
                    if (complete.contains(p.trial())) {
                        keptRetrieval.add(Csv.line(p.fields()));
                    }
                } catch (IllegalArgumentException e) {
                    // like a malformed curve line: it belongs to no complete trial
                }
            }
        }
        try {
            replace(r, keptRows);
            replace(c, keptCurves);
            replace(rc, keptRetrieval);
            return new TrialLog(dir, opener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + r + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one completed trial: its curve points, then its rows; both forced to disk. A write failure (a
     * full disk, a lost mount) ends the log: this and every later append throw one exception whose message
     * says that the trials written before are kept and that {@code --resume} continues the run.
     */
    public synchronized void append(List<ResultRow> trialRows, List<CurvePoint> points) {
        append(trialRows, points, List.of());
    }

    /** As {@link #append(List, List)}, with the trial's evaluation curves written first. */
    public synchronized void append(List<ResultRow> trialRows, List<CurvePoint> points, List<RetrievalCurvePoint> evaluationCurves) {
        if (failure != null) {
            throw failure;
        }
        Path file = dir.resolve(RetrievalCurvePoint.FILE);
        try {
            if (!evaluationCurves.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                evaluationCurves.forEach(p -> sb.append(Csv.line(p.fields())).append('\n'));
                retrievalCurves.append(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            file = dir.resolve(CURVES);
            if (!points.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                points.forEach(p -> sb.append(Csv.line(p.fields())).append('\n'));
                curves.append(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            file = dir.resolve(ROWS);
            StringBuilder sb = new StringBuilder();
            trialRows.forEach(row -> sb.append(Csv.line(row.fields())).append('\n'));
            rows.append(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            failure = new UncheckedIOException("cannot write " + file + ": " + e.getMessage() + "; the trials written before are kept"
                    + " (free the space or fix the directory, then continue with run --resume)", e);
            throw failure;
        }
    }

    /**
     * Reads rows.csv; a partial last line (no line break: the run was killed while writing) is ignored.
     * Files without the {@code n_train} column ({@link ResultRow#LEGACY_COLUMNS}) read with n_train 0 (unknown).
     */
    public static List<ResultRow> read(Path file) {
        List<String> lines = completeLines(file);
        List<String> header = lines.isEmpty() ? List.of() : Csv.parse(lines.get(0));
        if (!header.equals(ResultRow.COLUMNS) && !header.equals(ResultRow.LEGACY_COLUMNS)) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", ResultRow.COLUMNS));
        }
        List<ResultRow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(ResultRow.of(header, Csv.parse(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Keys of trials that have every one of {@code measures}. */
    public static Set<TrialKey> completeTrials(List<ResultRow> rows, List<String> measures) {
        Map<TrialKey, Set<String>> seen = new HashMap<>();
        rows.forEach(r -> seen.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.measure()));
        Set<TrialKey> out = new HashSet<>();
        seen.forEach((k, ms) -> {
            if (ms.containsAll(measures)) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * The lines of {@code file} up to its last line break (a partial last line is left out). A leading byte-order mark
     * and the carriage returns of CRLF line ends (a file saved again by a spreadsheet) are dropped; bytes that are not
     * UTF-8 are refused with the line they are on.
     */
    static List<String> completeLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = utf8(file, bytes);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(text.startsWith("\uFEFF") ? 1 : 0, end).split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return lines;
    }

    private static String utf8(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new DataFormatException(file + ":" + line + ": not UTF-8 text (byte " + (in.position() + 1)
                    + "); results files are UTF-8, so save it as UTF-8 or rerun the experiment");
        }
        return out.flip().toString();
    }

    private static void replace(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Target fileTarget(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Target() {
            @Override
            public void append(byte[] bytes) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public synchronized void close() {
        try {
            rows.close();
            curves.close();
            retrievalCurves.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close results files: " + e.getMessage(), e);
        }
    }
}
