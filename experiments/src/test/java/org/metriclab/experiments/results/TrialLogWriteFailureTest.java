package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk while a run appends: one clear error, nothing after a partial line, and an exact resume. */
class TrialLogWriteFailureTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "knn_accuracy_1");

    @TempDir
    Path tmp;

    private static List<ResultRow> trial(int split) {
        return MEASURES.stream().map(m -> new ResultRow("iris", "euclidean", "euclidean", "{}", 0, split, 100, m, 0.5 + split / 100.0, 0.01, ""))
                .toList();
    }

    /** Writes like a disk with {@code room} bytes left per file: the write that does not fit lands partly, then fails. */
    private static TrialLog.Opener diskWithRoom(long room) {
        return file -> new TrialLog.Target() {
            long left = room;

            @Override
            public void append(byte[] bytes) throws IOException {
                int fits = (int) Math.min(left, bytes.length);
                Files.write(file, java.util.Arrays.copyOf(bytes, fits), StandardOpenOption.APPEND);
                left -= fits;
                if (fits < bytes.length) {
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aFullDiskEndsTheLogWithOneMessageAndResumeKeepsTheCompleteTrials() throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        long oneTrial = trial(0).stream().mapToLong(r -> (Csv.line(r.fields()) + "\n").length()).sum();
        try (TrialLog log = TrialLog.create(dir, diskWithRoom(2 * oneTrial + 10))) {
            log.append(trial(0), List.of());
            log.append(trial(1), List.of());
            UncheckedIOException full = assertThrows(UncheckedIOException.class, () -> log.append(trial(2), List.of()));
            assertEquals("cannot write " + dir.resolve(TrialLog.ROWS) + ": No space left on device; the trials written before are kept"
                    + " (free the space or fix the directory, then continue with run --resume)", full.getMessage());
            UncheckedIOException again = assertThrows(UncheckedIOException.class, () -> log.append(trial(3), List.of()));
            assertSame(full, again, "nothing is appended after a partial line");
        }
        Set<TrialKey> complete = new HashSet<>();
        TrialLog.resume(dir, MEASURES, complete).close();
        assertEquals(Set.of(trial(0).get(0).key(), trial(1).get(0).key()), complete);
        assertEquals(4, TrialLog.read(dir.resolve(TrialLog.ROWS)).size());
        assertTrue(Files.readString(dir.resolve(TrialLog.ROWS)).endsWith("\n"), "the partial line is gone");
    }
}
