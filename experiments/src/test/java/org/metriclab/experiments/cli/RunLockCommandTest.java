package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.results.LockHolder;
import org.metriclab.experiments.results.TrialLog;

/** {@code run} and {@code run --resume} on a directory another process writes: one line naming its PID, exit 1, nothing touched. */
class RunLockCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runAndResumeOnADirectoryInUseAreRefusedWithTheHoldersPid() throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, """
                name: small
                datasets: [iris]
                protocol: {type: kfold, folds: 2}
                seeds: [0]
                learners: [{type: euclidean}]
                measures: [precision_at_1]
                """);
        Path dir = tmp.resolve("out");
        assertEquals(0, Cli.run("run", cfg.toString(), "--out", dir.toString()).code());
        byte[] rows = Files.readAllBytes(dir.resolve(TrialLog.ROWS));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertEquals("locked", new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine());
            for (String[] args : new String[][] {{"run", cfg.toString(), "--out", dir.toString(), "--resume"},
                    {"run", cfg.toString(), "--out", dir.toString()}}) {
                Cli r = Cli.run(args);
                assertEquals(Main.BAD_INPUT, r.code(), r.err());
                assertTrue(r.oneLineError() && r.err().contains("is in use by another metriclab run (PID " + holder.pid() + ")"), r.err());
            }
            assertEquals(new String(rows, StandardCharsets.UTF_8), Files.readString(dir.resolve(TrialLog.ROWS)));
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        Cli resumed = Cli.run("run", cfg.toString(), "--out", dir.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("2 trials (2 resumed)"), resumed.out());
    }
}
