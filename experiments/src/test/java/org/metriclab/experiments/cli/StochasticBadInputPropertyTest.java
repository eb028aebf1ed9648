package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metriclab.experiments.model.TrainingData;

/**
 * {@code fit} with a stochastic solver and one bad setting (a batch or reference set larger than the data,
 * an approximate_knn k reaching the smallest class, a Spark partition count below 1, a learning rate whose
 * schedule overflows) ends with exit 1, one line naming the parameter and its valid range, and no model file.
 */
class StochasticBadInputPropertyTest {
    private static final int N = TrainingData.resolve("iris").dataset().size();
    private static final int SMALLEST = Arrays.stream(TrainingData.resolve("iris").dataset().labels().classSizes()).min().getAsInt();

    /** One bad command: the learner, its parameters, and what the error must say. */
    record Bad(String learner, List<String> params, String expected) {
    }

    @Provide
    Arbitrary<Bad> bad() {
        Arbitrary<String> learner = Arbitraries.of("nca", "mlkr", "lmnn");
        Arbitrary<String> solver = Arbitraries.of("minibatch", "approximate_knn");
        Arbitrary<Bad> batch = Combinators.combine(learner, solver, Arbitraries.integers().between(N + 1, N + 100_000))
                .as((l, s, b) -> new Bad(l, List.of("solver=" + s, "batch_size=" + b), "batch_size must be in 1.." + N));
        Arbitrary<Bad> refs = Combinators.combine(learner, Arbitraries.integers().between(N + 1, 1 << 30))
                .as((l, r) -> new Bad(l, List.of("solver=minibatch", "batch_size=8", "reference_size=" + r), "reference_size must be in 2.." + N));
        Arbitrary<Bad> k = Arbitraries.integers().between(SMALLEST, SMALLEST + 50)
                .map(v -> new Bad("nca", List.of("solver=approximate_knn", "k=" + v), "k must be in 1.." + (SMALLEST - 1)));
        Arbitrary<Bad> partitions = Combinators.combine(learner, solver, Arbitraries.integers().between(-1000, 0))
                .as((l, s, p) -> new Bad(l, List.of("solver=" + s, "engine=spark", "partitions=" + p), "partitions must be in 1..65536"));
        Arbitrary<Bad> rate = Combinators.combine(Arbitraries.of("nca", "mlkr"), Arbitraries.of("1e300", "1e305", "1.7e308"))
                .as((l, r) -> new Bad(l, List.of("solver=minibatch", "optimizer=sgd", "learning_rate=" + r, "batch_size=8",
                        "reference_size=16"), "learning_rate"));
        return Arbitraries.oneOf(batch, refs, k, partitions, rate);
    }

    @Property(tries = 60)
    void oneLineNamingTheParameterAndNoModel(@ForAll("bad") Bad bad) throws IOException {
        Path dir = Files.createTempDirectory("stochastic-bad");
        Path model = dir.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("fit", "--learner", bad.learner(), "--data", "iris", "--out", model.toString()));
        bad.params().forEach(p -> args.addAll(List.of("--param", p)));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains(bad.expected()), bad + " → " + r.err());
        assertFalse(Files.exists(model), "no model is written");
    }
}
