package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.cli.Main;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;

/** Runs one config with the local runner into {@code dir/local} and through {@code run --engine spark} into {@code dir/spark}. */
final class LocalAndSparkRuns {
    private LocalAndSparkRuns() {
    }

    /** Both runs must succeed; their result directories are {@code dir/local} and {@code dir/spark}. */
    static void run(String config, Path dir) throws Exception {
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, config);
        Learners registry = Learners.load();
        ExperimentConfig bound = new ConfigBinder(registry, cfg.getParent()).bind(Trees.readYaml(cfg));
        Runner.Summary local = new Runner(registry, RunListener.none(), Clock.systemUTC()).run(bound, Files.readAllBytes(cfg), cfg.getParent(),
                dir.resolve("local"), false, 2);
        assertEquals(0, local.failed(), String.valueOf(local.failures()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", dir.resolve("spark").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }
}
