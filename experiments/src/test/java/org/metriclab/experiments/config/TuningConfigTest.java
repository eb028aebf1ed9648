package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.tuning.Budget;
import org.metriclab.experiments.tuning.Dimension;
import org.metriclab.experiments.tuning.Scheduler;
import org.metriclab.experiments.tuning.SearchKind;
import org.metriclab.experiments.tuning.ValidationSpec;

class TuningConfigTest {
    private static final Learners REGISTRY = Learners.load();
    private static final String VALID = """
            name: t
            datasets: [iris]
            tuning:
              budget: {trials: 12}
              search: sobol
              validation: {type: kfold, folds: 4, class_disjoint: false}
              select_by: precision_at_1
              seed: 7
            learners:
              - {type: euclidean}
              - {type: lfda, space: {k: {int: [1, 9]}, ridge: {log_uniform: [1.0e-9, 1.0e-3]}, embedding: {choice: [weighted, orthonormalized]}}}
            """;

    private static ExperimentConfig bind(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test.yaml"));
    }

    private static String fails(String yaml) {
        return assertThrows(ConfigException.class, () -> bind(yaml)).getMessage();
    }

    @Test
    void bindsTheBlockAndTheSpaces() {
        ExperimentConfig c = bind(VALID);
        var spec = c.tuning().spec().orElseThrow();
        assertEquals(new Budget.Trials(12), spec.budget());
        assertEquals(SearchKind.SOBOL, spec.search());
        assertEquals(new ValidationSpec(4, false), spec.validation());
        assertEquals("precision_at_1", spec.selectBy());
        assertEquals(7L, spec.seed());
        assertFalse(c.tuning().spaceOf("euclidean").isPresent());
        Map<String, Dimension> dims = c.tuning().spaceOf("lfda").orElseThrow().dimensions();
        assertEquals(new Dimension.IntRange(1, 9), dims.get("k"));
        assertEquals(new Dimension.LogUniform(1e-9, 1e-3), dims.get("ridge"));
        assertEquals(new Dimension.Choice(List.of("weighted", "orthonormalized")), dims.get("embedding"));
        String resolved = Trees.toYaml(c.toTree());
        assertTrue(resolved.contains("select_by: precision_at_1"), resolved);
        assertTrue(resolved.contains("log_uniform"), resolved);
    }

    @Test
    void defaultsAndConfigsWithoutTuningAreUnchanged() {
        ExperimentConfig c = bind(VALID.replaceAll("(?s)  search: sobol.*seed: 7\n", ""));
        var spec = c.tuning().spec().orElseThrow();
        assertEquals(SearchKind.TPE, spec.search());
        assertEquals(new ValidationSpec(3, false), spec.validation());
        assertEquals("mean_average_precision_at_r", spec.selectBy());
        ExperimentConfig plain = bind("name: t\ndatasets: [iris]\nlearners: [{type: lfda}]\n");
        assertFalse(plain.tuning().isActive());
        assertFalse(plain.toTree().containsKey("tuning"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // empty space
        "'space: {k: {int: [1, 9]}, ridge: {log_uniform: [1.0e-9, 1.0e-3]}, embedding: {choice: [weighted, orthonormalized]}}' | 'space: {}' | learners[1].space: empty space",
        // budget 0 and negative
        "'budget: {trials: 12}' | 'budget: {trials: 0}' | tuning.budget.trials: expected a number of trials from 1",
        "'budget: {trials: 12}' | 'budget: {seconds: -5}' | tuning.budget.seconds: expected a positive number of seconds",
        "'budget: {trials: 12}' | 'budget: {trials: 3, seconds: 5}' | tuning.budget: give exactly one of trials or seconds",
        // log_uniform with a non-positive bound
        "'ridge: {log_uniform: [1.0e-9, 1.0e-3]}' | 'ridge: {log_uniform: [0, 1.0e-3]}' | learners[1].space.ridge.log_uniform: log_uniform needs a positive lower bound",
        // bounds reversed
        "'k: {int: [1, 9]}' | 'k: {int: [9, 1]}' | learners[1].space.k.int: bounds reversed",
        "'ridge: {log_uniform: [1.0e-9, 1.0e-3]}' | 'ridge: {uniform: [0.5, 0.1]}' | learners[1].space.ridge.uniform: bounds reversed",
        // a real range for an integer parameter, and a choice value of the wrong type
        "'k: {int: [1, 9]}' | 'k: {uniform: [1, 9]}' | learners[1].space.k: learner 'lfda' refuses k",
        "'choice: [weighted, orthonormalized]' | 'choice: [weighted, 3]' | learners[1].space.embedding.choice[1]: learner 'lfda' refuses embedding = 3",
        // a space key the learner does not have
        "'k: {int: [1, 9]}' | 'kk: {int: [1, 9]}' | learners[1].space.kk: unknown parameter 'kk'",
        // select_by not a known measure, unknown search, unknown kind
        "'select_by: precision_at_1' | 'select_by: accuracy_of_vibes' | tuning.select_by: select_by: unknown measure 'accuracy_of_vibes'",
        // tuning maximises: an error rate or a threshold cannot be its objective
        "'select_by: precision_at_1' | 'select_by: eer' | tuning.select_by: select_by: measure 'eer' is an error rate (lower is better)",
        "'select_by: precision_at_1' | 'select_by: eer_threshold' | tuning.select_by: select_by: measure 'eer_threshold' is a threshold",
        "'search: sobol' | 'search: hillclimb' | tuning.search: unknown search 'hillclimb'; known: random, sobol, tpe, grid",
        "'k: {int: [1, 9]}' | 'k: {normal: [1, 9]}' | learners[1].space.k: expected one of",
        "'folds: 4' | 'folds: 1' | tuning.validation.folds: expected a number of folds from 2",
        // a key both fixed and tuned
        "'{type: lfda, space' | '{type: lfda, params: {k: 3}, space' | learners[1].space.k: 'k' is both fixed",
        // tuning without any space, space without tuning
        "', space: {k: {int: [1, 9]}, ridge: {log_uniform: [1.0e-9, 1.0e-3]}, embedding: {choice: [weighted, orthonormalized]}}' | '' | tuning: no learner has a space to tune",
    })
    void badInputNamesItsPath(String from, String to, String expected) {
        String yaml = VALID.replace(from, to);
        assertTrue(!yaml.equals(VALID), "the replacement must apply: " + from);
        String message = fails(yaml);
        assertTrue(message.startsWith(expected), message);
        assertFalse(message.contains("\n"), message);
    }

    private static final String KERNELS = """
            name: t
            datasets: [iris]
            tuning: {budget: {trials: 9}, search: tpe}
            learners:
              - {type: kernel_fda, space: {kernel: {choice: [rbf, polynomial]}, gamma: {log_uniform: [1.0e-3, 1.0], when: {kernel: rbf}},
                 degree: {int: [2, 4], when: {kernel: [polynomial]}}}}
            """;

    @Test
    void conditionalEntriesBindAsConditionalDimensions() {
        String yaml = KERNELS;
        var space = bind(yaml).tuning().spaceOf("kernel_fda").orElseThrow();
        assertEquals(new Dimension.Conditional(new Dimension.LogUniform(1e-3, 1.0), "kernel", List.of("rbf")), space.dimensions().get("gamma"));
        assertEquals(new Dimension.Conditional(new Dimension.IntRange(2, 4), "kernel", List.of("polynomial")), space.dimensions().get("degree"));
        assertEquals(Map.of("kernel", "polynomial", "degree", 2L), space.at(new double[] {0.9, 0.2, 0.2}));
        assertEquals(List.of("kernel", "gamma"), List.copyOf(space.at(new double[] {0.1, 0.2, 0.2}).keySet()));
        // the resolved config keeps the condition, and binding it again gives the same space
        assertTrue(Trees.toYaml(bind(yaml).toTree()).contains("when:"), Trees.toYaml(bind(yaml).toTree()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'when: {kernel: rbf}' | 'when: {kernel: sigmoid}' | learners[0].space.gamma.when.kernel: 'gamma' depends on kernel = 'sigmoid', which is not one of its choices",
        "'when: {kernel: rbf}' | 'when: {degree: 2}' | learners[0].space.gamma.when.degree: 'gamma' can only depend on a choice declared before it in this space; 'degree' is not declared",
        "'when: {kernel: [polynomial]}' | 'when: {gamma: [poly]}' | learners[0].space.degree.when.gamma: 'degree' can only depend on a choice declared before it in this space; 'gamma' is a log_uniform range",
        "'when: {kernel: rbf}' | 'when: {kernel: rbf, degree: 3}' | learners[0].space.gamma.when: expected one condition",
        "'search: tpe}' | 'search: tpe, scheduler: {type: successive_halving, eta: 1}}' | tuning.scheduler.eta: expected a reduction factor from 2",
        "'search: tpe}' | 'search: tpe, scheduler: {type: hyperband}}' | tuning.scheduler: unknown scheduler type 'hyperband'",
        "'search: tpe}' | 'search: tpe, scheduler: {type: asha, eta: 1}}' | tuning.scheduler.eta: expected a reduction factor from 2",
        "'search: tpe}' | 'search: tpe, scheduler: {type: asha, min_resource: 0}}' | tuning.scheduler.min_resource: expected a resource from 1",
        "'{trials: 9}, search: tpe}' | '{seconds: 60}, scheduler: {type: successive_halving}}' | tuning.scheduler: successive_halving ranks a known number of candidates",
        "'{type: kernel_fda, space' | '{type: lfda, space' | learners[0].space.kernel: unknown parameter 'kernel'",
    })
    void badConditionsAndSchedulersNameTheirPath(String from, String to, String expected) {
        String yaml = KERNELS.replace(from, to);
        assertTrue(!yaml.equals(KERNELS), "the replacement must apply: " + from);
        String message = fails(yaml);
        assertTrue(message.startsWith(expected), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void successiveHalvingNeedsAnUntunedIntegerResource() {
        String nca = "name: t\ndatasets: [iris]\ntuning: {budget: {trials: 9}, scheduler: {type: successive_halving}}\nlearners:\n";
        assertTrue(fails(nca + "  - {type: lfda, space: {k: {int: [1, 9]}}}\n").startsWith(
                "tuning.scheduler: learner 'lfda': the learner has no epochs or max_iter parameter"), fails(nca + "  - {type: lfda, space: {k: {int: [1, 9]}}}\n"));
        assertTrue(fails(nca + "  - {type: nca, space: {max_iter: {int: [5, 50]}}}\n").startsWith(
                "tuning.scheduler: learner 'nca' tunes max_iter, which successive halving uses as its resource"));
        assertTrue(fails(nca + "  - {type: nca, params: {max_iter: 1}, space: {regularization: {uniform: [0, 1]}}}\n").contains(
                "must be an integer of at least 2"));
        var spec = bind(nca + "  - {type: nca, params: {max_iter: 27}, space: {regularization: {uniform: [0, 1]}}}\n").tuning().spec().orElseThrow();
        assertEquals(new Scheduler.SuccessiveHalving(java.util.Optional.empty(), java.util.OptionalInt.empty(), 3), spec.scheduler());
    }

    @Test
    void ashaRunsUnderATimeBudgetAndNeedsTheSameResourceAsHalving() {
        String asha = "name: t\ndatasets: [iris]\ntuning: {budget: {seconds: 60}, scheduler: {type: asha, eta: 2}}\nlearners:\n";
        var spec = bind(asha + "  - {type: nca, params: {max_iter: 16}, space: {regularization: {uniform: [0, 1]}}}\n").tuning().spec().orElseThrow();
        assertEquals(new Scheduler.AsyncHalving(java.util.Optional.empty(), java.util.OptionalInt.empty(), 2), spec.scheduler());
        assertTrue(fails(asha + "  - {type: lfda, space: {k: {int: [1, 9]}}}\n").startsWith(
                "tuning.scheduler: learner 'lfda': the learner has no epochs or max_iter parameter"));
        assertTrue(fails(asha + "  - {type: nca, space: {max_iter: {int: [5, 50]}}}\n").startsWith(
                "tuning.scheduler: learner 'nca' tunes max_iter"));
    }

    @Test
    void aSpaceNeedsTheTuningBlock() {
        String yaml = VALID.replaceAll("(?s)tuning:.*seed: 7\n", "");
        assertEquals("learners[1].space: a space needs a top-level tuning: block (budget, search, validation, select_by)", fails(yaml));
    }
}
