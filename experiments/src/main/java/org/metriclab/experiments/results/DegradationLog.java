package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Appends each trial's {@link DegradationRow}s to {@code degradation.csv} as the trial completes. On resume, the lines
 * of trials that are not complete in rows.csv are dropped first (their trials run again).
 */
public final class DegradationLog {
    private final Path file;

    private DegradationLog(Path file) {
        this.file = file;
    }

    /** A fresh file in {@code dir}, or with {@code resume} the existing one cut to the trials in {@code complete}. */
    public static DegradationLog open(Path dir, boolean resume, Set<TrialKey> complete) {
        Path file = dir.resolve(DegradationRow.FILE);
        List<String> kept = new ArrayList<>();
        kept.add(Csv.line(DegradationRow.COLUMNS));
        if (resume && Files.isRegularFile(file)) {
            List<String> lines = TrialLog.completeLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                try {
                    DegradationRow r = DegradationRow.of(Csv.parse(line));
                    if (complete.contains(r.trial())) {
                        kept.add(line);
                    }
                } catch (IllegalArgumentException e) {
                    // a malformed line belongs to no complete trial; that trial runs again and writes its lines anew
                }
            }
        }
        try {
            Path tmp = file.resolveSibling(DegradationRow.FILE + ".tmp");
            Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new DegradationLog(file);
    }

    /** Appends one trial's lines. */
    public synchronized void append(List<DegradationRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(Csv.line(r.fields())).append('\n'));
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage() + "; the trials written before are kept"
                    + " (free the space or fix the directory, then continue with run --resume)", e);
        }
    }
}
