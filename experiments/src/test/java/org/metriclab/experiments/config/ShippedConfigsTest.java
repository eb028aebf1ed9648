package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.jackson.Trees;

/**
 * Every config shipped in experiments/configs binds with the registered learners (no typo waits for a user's run),
 * and the quickstart runs every registered learner.
 */
class ShippedConfigsTest {
    static List<Path> configs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            List<Path> out = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(out.isEmpty(), "no configs found under " + Path.of("configs").toAbsolutePath());
            return out;
        }
    }

    @Test
    void quickstartRunsEveryRegisteredLearner() throws IOException {
        ExperimentConfig cfg = new ConfigBinder(Learners.load(), Path.of("configs").toAbsolutePath())
                .bind(Trees.readYaml(Path.of("configs", "quickstart.yaml")));
        Set<String> registered = Learners.load().all().stream().filter(r -> !r.family().equals("test"))
                .map(r -> r.entry().name()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> run = cfg.variants().stream().map(BoundLearner::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(registered, run, "the quickstart's promise: every registered learner");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void binds(Path config) throws IOException {
        Object tree = Trees.readYaml(config);
        ExperimentConfig cfg = new ConfigBinder(Learners.load(), config.toAbsolutePath().getParent()).bind(tree);
        assertFalse(cfg.variants().isEmpty());
        assertTrue(cfg.toTree().containsKey("learners"));
    }
}
