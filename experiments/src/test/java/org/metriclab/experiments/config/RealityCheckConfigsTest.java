package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.tuning.TuningSpec;
import org.metriclab.experiments.tuning.ValidationSpec;

/**
 * The Reality Check ships as two configs, one per protocol (a config has one protocol): they must stay the same
 * experiment apart from the protocol and the matching validation folds, so that their tables compare.
 */
class RealityCheckConfigsTest {
    private static ExperimentConfig bind(String file) throws IOException {
        Path dir = Path.of("configs").toAbsolutePath();
        return new ConfigBinder(Learners.load(), dir).bind(Trees.readYaml(dir.resolve(file)));
    }

    @Test
    void openAndClosedDifferOnlyInTheProtocolAndItsValidationFolds() throws IOException {
        ExperimentConfig open = bind("reality-check.yaml");
        ExperimentConfig closed = bind("reality-check-closed.yaml");
        assertInstanceOf(Protocol.ClassDisjoint.class, open.protocol());
        assertInstanceOf(Protocol.Holdout.class, closed.protocol());
        TuningSpec o = open.tuning().spec().orElseThrow();
        TuningSpec c = closed.tuning().spec().orElseThrow();
        assertTrue(o.validation().classDisjoint(), "open: validation classes are unseen by the fold's training rows");
        assertEquals(new ValidationSpec(o.validation().folds(), false), c.validation());
        assertEquals(List.of(o.budget(), o.search(), o.selectBy(), o.seed(), o.scheduler()),
                List.of(c.budget(), c.search(), c.selectBy(), c.seed(), c.scheduler()), "one budget and strategy for both");
        assertEquals(open.variants(), closed.variants());
        assertEquals(open.tuning().spaces(), closed.tuning().spaces());
        assertEquals(open.datasets(), closed.datasets());
        assertEquals(open.preprocessing(), closed.preprocessing());
        assertEquals(open.seeds(), closed.seeds());
        assertEquals(open.measures(), closed.measures());
        assertEquals(open.retrieval(), closed.retrieval());
    }

    @Test
    void everyLearnerButTheBaselineIsTunedUnderTheSameBudgetWithIntervalsOverSeeds() throws IOException {
        ExperimentConfig open = bind("reality-check.yaml");
        assertTrue(open.seeds().size() >= 3, "95% intervals need at least 3 seeds");
        assertEquals(List.of("mean_average_precision_at_r", "precision_at_1", "r_precision"), open.measures());
        List<String> untuned = open.variants().stream().map(BoundLearner::label).filter(l -> open.tuning().spaceOf(l).isEmpty()).toList();
        assertEquals(List.of("euclidean"), untuned);
        List<String> types = open.variants().stream().map(BoundLearner::type).distinct().toList();
        assertTrue(types.containsAll(List.of("lfda", "lmnn", "nca", "deep_metric")), types.toString());
    }
}
