package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results-directory lock against a real second process, and within one JVM. */
class ResultsLockTest {
    @TempDir
    Path tmp;

    @Test
    void anotherProcessHoldingTheLockIsNamedByItsPidUntilItEnds() throws Exception {
        Path dir = tmp.resolve("results");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the second process took the lock");
            ResultsLock.ResultsBusyException busy = assertThrows(ResultsLock.ResultsBusyException.class, () -> ResultsLock.acquire(dir));
            assertEquals(Long.toString(holder.pid()), busy.holderPid());
            assertEquals(dir + " is in use by another metriclab run (PID " + holder.pid() + "); wait for it to finish, or choose another --out",
                    busy.getMessage());
            assertThrows(ResultsLock.ResultsBusyException.class, () -> ResultsLock.acquire(dir), "refused again: the refusal released nothing");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder exits when its input ends");
        }
        assertEquals(0, holder.exitValue());
        try (ResultsLock lock = ResultsLock.acquire(dir)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(ResultsLock.FILE)));
        }
        assertEquals("", Files.readString(dir.resolve(ResultsLock.FILE)));
    }

    @Test
    void aKilledHolderLeavesNoLockBehind() throws Exception {
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine());
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        try (ResultsLock lock = ResultsLock.acquire(dir)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(ResultsLock.FILE)), "the stale PID is replaced");
        }
    }

    @Test
    void withinOneJvmASecondAcquireIsRefusedWithoutReleasingTheFirst() throws Exception {
        Path dir = tmp.resolve("same-jvm");
        try (ResultsLock first = ResultsLock.acquire(dir)) {
            assertThrows(ResultsLock.ResultsBusyException.class, () -> ResultsLock.acquire(dir));
            assertThrows(ResultsLock.ResultsBusyException.class, () -> ResultsLock.acquire(tmp.resolve("same-jvm/../same-jvm")),
                    "another spelling of the same directory");
        }
        ResultsLock.acquire(dir).close();
    }
}
