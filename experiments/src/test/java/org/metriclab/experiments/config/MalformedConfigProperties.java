package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.jackson.Trees;

/**
 * Generated malformed configs fed to the YAML reader and the binder: each either binds to a config
 * that reproduces exactly what the file says, or fails with a one-line input error. Never another
 * exception, never a silently changed number.
 */
class MalformedConfigProperties {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));
    static final List<String> VALID = List.of("""
            name: t
            datasets: [iris, wine]
            seeds: [0, 1]
            learners:
              - {type: euclidean}
              - type: covariance
                params: {rcond: 1.0e-8}
            measures: [precision_at_1, knn_accuracy_5]
            """, """
            name: folds
            datasets: [iris]
            protocol: {type: kfold, folds: 3, train_sizes: [30, 60]}
            preprocessing: {standardize: false, pca: 2}
            learners: [{type: euclidean}]
            table: {rows: learner, columns: dataset}
            """, """
            name: holdout
            datasets: [wine]
            protocol: {type: holdout, test_fraction: 0.25, repeats: 2}
            seeds: [7]
            learners:
              - {type: euclidean}
              - {type: covariance, sweep: {rcond: [0.1, 0.001]}}
            """);

    @Provide
    Arbitrary<String> valid() {
        return Arbitraries.of(VALID);
    }

    @Property(tries = 100)
    void mutatedConfigsBindCorrectlyOrFailWithOneLine(@ForAll("valid") String valid, @ForAll ConfigMutants.Kind kind, @ForAll Random r)
            throws IOException {
        ConfigMutants.Mutant m = ConfigMutants.mutate(valid, kind, r);
        Path file = Files.createTempFile("mutant", ".yaml");
        try {
            Files.write(file, m.bytes());
            ExperimentConfig c;
            Object tree;
            try {
                tree = Trees.readYaml(file);
                c = new ConfigBinder(REGISTRY, file.getParent()).bind(tree);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                assertOneLine(e.getMessage(), m);
                assertFalse(kind == ConfigMutants.Kind.NONE, "a valid config was refused: " + e.getMessage());
                return;
            } catch (RuntimeException | StackOverflowError e) {
                fail("not an input error: " + e + " for " + m, e);
                return;
            }
            assertFalse(kind.mustFail(), "accepted " + m);
            assertFaithful(tree, c, m);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 200)
    void seedsAreExactOrRefusedWithTheirPath(
            @ForAll @BigRange(min = "-1000000000000000000000", max = "1000000000000000000000") BigInteger seed) {
        String yaml = "name: t\ndatasets: [iris]\nlearners: [{type: euclidean}]\nseeds: [" + seed + "]\n";
        if (seed.bitLength() <= 63) {
            assertEquals(List.of(seed.longValueExact()), bind(yaml).seeds());
        } else {
            ConfigException e = assertThrows(ConfigException.class, () -> bind(yaml));
            assertEquals("seeds[0]", e.path());
            assertTrue(e.getMessage().contains("64-bit range"), e.getMessage());
        }
    }

    @Property(tries = 200)
    void countsAreExactOrRefusedWithTheirLimit(@ForAll @BigRange(min = "-100000000000", max = "100000000000") BigInteger folds) {
        String yaml = "name: t\ndatasets: [iris]\nlearners: [{type: euclidean}]\nprotocol: {type: kfold, folds: " + folds + "}\n";
        boolean fits = folds.compareTo(BigInteger.TWO) >= 0 && folds.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0;
        if (fits) {
            assertEquals(new Protocol.KFold(folds.intValueExact()), bind(yaml).protocol());
        } else {
            ConfigException e = assertThrows(ConfigException.class, () -> bind(yaml));
            assertEquals("protocol.folds", e.path());
            assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        }
    }

    private static ExperimentConfig bind(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "t.yaml"));
    }

    private static void assertOneLine(String message, ConfigMutants.Mutant m) {
        assertTrue(message != null && !message.isBlank(), "no message for " + m);
        assertFalse(message.contains("\n") || message.contains("\r"), "multi-line message " + message + " for " + m);
        assertFalse(message.contains("Exception") || message.contains("\tat "), "stack trace in " + message + " for " + m);
    }

    /** What the file says is what was bound: seeds exactly, and the resolved config binds back to the same. */
    private static void assertFaithful(Object tree, ExperimentConfig c, ConfigMutants.Mutant m) {
        if (tree instanceof Map<?, ?> top && top.get("seeds") instanceof List<?> given) {
            for (int i = 0; i < given.size(); i++) {
                BigInteger exact = new BigDecimal(String.valueOf(given.get(i))).toBigIntegerExact();
                assertEquals(exact, BigInteger.valueOf(c.seeds().get(i)), "seed " + i + " of " + m);
            }
        }
        String resolved = Trees.toYaml(c.toTree()).replace("builtin: true", "");
        ExperimentConfig again;
        try {
            Object t = Trees.parseYaml(resolved, "resolved.yaml");
            if (t instanceof Map<?, ?> top && top.get("learners") instanceof List<?> learners) {
                learners.forEach(l -> ((Map<?, ?>) l).remove("variants")); // the expanded sweep, written for readers only
            }
            again = new ConfigBinder(REGISTRY, Path.of(".")).bind(t);
        } catch (IllegalArgumentException e) {
            fail("the resolved config of " + m + " does not bind again: " + e.getMessage() + "\n" + resolved, e);
            return;
        }
        assertEquals(c.seeds(), again.seeds(), m.toString());
        assertEquals(c.protocol(), again.protocol(), m.toString());
        assertEquals(c.learnerLabels(), again.learnerLabels(), m.toString());
        assertEquals(c.datasetNames(), again.datasetNames(), m.toString());
        assertInstanceOf(ExperimentConfig.class, again);
    }
}
