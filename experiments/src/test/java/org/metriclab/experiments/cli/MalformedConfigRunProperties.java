package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metriclab.experiments.config.ConfigMutants;

/**
 * {@code metriclab run} on generated malformed configs (tiny valid ones, mutated): exit 1 with exactly
 * one line on stderr and no stack trace, or exit 0 with the results written. Nothing else.
 */
class MalformedConfigRunProperties {
    private static final List<String> TINY = List.of("""
            name: tiny
            datasets: [iris]
            seeds: [0]
            preprocessing: {standardize: false}
            learners: [{type: euclidean}]
            measures: [precision_at_1]
            """, """
            name: tiny-kfold
            datasets: [iris]
            protocol: {type: kfold, folds: 2}
            learners:
              - {type: euclidean}
            measures: [precision_at_1]
            """);

    @Provide
    Arbitrary<String> tiny() {
        return Arbitraries.of(TINY);
    }

    @Property(tries = 20)
    void runEndsWithResultsOrOneLineError(@ForAll("tiny") String valid, @ForAll ConfigMutants.Kind kind, @ForAll Random r)
            throws IOException {
        ConfigMutants.Mutant m = ConfigMutants.mutate(valid, kind, r);
        Path dir = Files.createTempDirectory("mutant-run");
        try {
            Path cfg = dir.resolve("config.yaml");
            Files.write(cfg, m.bytes());
            Path out = dir.resolve("out");
            Cli run = Cli.run("run", cfg.toString(), "--out", out.toString(), "--threads", "1");
            if (run.code() == 0) {
                assertFalse(kind.mustFail(), "accepted " + m);
                assertTrue(Files.isRegularFile(out.resolve("rows.csv")), "exit 0 without rows.csv for " + m);
                return;
            }
            assertEquals(1, run.code(), "exit " + run.code() + " for " + m + "\n" + run.err());
            assertTrue(run.oneLineError(), "not one line: " + run.err() + " for " + m);
            assertFalse(kind == ConfigMutants.Kind.NONE, "a valid config was refused: " + run.err());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
