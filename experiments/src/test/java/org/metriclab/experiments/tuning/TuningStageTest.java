package org.metriclab.experiments.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.Runner;
import org.metriclab.experiments.run.Trial;

class TuningStageTest {
    static final Learners REGISTRY = Learners.load();
    static final String CONFIG = """
            name: tuned
            datasets: [iris]
            protocol: {type: holdout, test_fraction: 0.3, repeats: 2}
            seeds: [0]
            tuning:
              budget: {trials: 6}
              search: tpe
              validation: {type: kfold, folds: 3}
              select_by: precision_at_1
              seed: 3
            learners:
              - {type: euclidean}
              - {type: lfda, space: {k: {int: [1, 12]}, ridge: {log_uniform: [1.0e-9, 1.0e-1]}}}
            measures: [precision_at_1]
            """;

    @TempDir
    Path tmp;

    static ExperimentConfig config(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
    }

    private static List<Trial> tunedTrials(ExperimentConfig cfg) {
        return Runner.planDataset(cfg, 0).stream().filter(t -> cfg.tuning().spaceOf(t.learner().label()).isPresent()).toList();
    }

    /** tuning.csv without fit times, which differ between runs. */
    private static List<String> comparable(Path dir) {
        return TuningLog.read(dir.resolve(TuningLog.FILE)).stream()
                .map(r -> r.trial() + " #" + r.candidate() + "/" + r.fold() + " " + r.params() + " " + r.score()).toList();
    }

    private static List<String> chosen(List<Trial> trials) {
        return trials.stream().map(t -> t.key() + " " + t.learner().resolvedParams()).toList();
    }

    /** The same trials with the test rows of every split replaced by extreme values and their labels rotated to another class. */
    private static List<Trial> poisoned(List<Trial> trials) {
        List<Trial> out = new ArrayList<>();
        for (Trial t : trials) {
            Dataset d = t.data();
            double[][] x = d.x().toRows();
            int[] y = d.labels().toArray();
            int[] classes = d.labels().classes();
            for (int row : t.split().test()) {
                for (int j = 0; j < x[row].length; j++) {
                    x[row][j] = (row % 2 == 0 ? 1e6 : -1e6) * (j + 1);
                }
                y[row] = classes[(d.labels().classIndex(y[row]) + 1) % classes.length];
            }
            Dataset p = new Dataset(d.name(), Matrix.of(x), Labels.of(y));
            out.add(new Trial(p, t.split(), t.splitIndex(), t.learner(), t.seed()));
        }
        return out;
    }

    @Test
    void theSearchNeverSeesTheTestPart() throws Exception {
        ExperimentConfig cfg = config(CONFIG);
        List<Trial> clean = tunedTrials(cfg);
        List<Trial> poison = poisoned(clean);
        assertNotEquals(clean.get(0).data().x().toRows()[clean.get(0).split().test()[0]][0],
                poison.get(0).data().x().toRows()[poison.get(0).split().test()[0]][0]);
        Path a = Files.createDirectory(tmp.resolve("clean"));
        Path b = Files.createDirectory(tmp.resolve("poisoned"));
        TuningStage stage = new TuningStage(cfg, REGISTRY);
        List<Trial> chosenClean = stage.tune(clean, a, false, (t, r) -> { });
        List<Trial> chosenPoison = stage.tune(poison, b, false, (t, r) -> { });
        assertEquals(comparable(a), comparable(b));
        assertEquals(chosen(chosenClean), chosen(chosenPoison));
        assertEquals(2 * 6 * 3, comparable(a).size(), "2 splits x 6 candidates x 3 folds");
    }

    @Test
    void theSameSeedGivesTheSameCandidatesAndChoices() throws Exception {
        ExperimentConfig cfg = config(CONFIG);
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Path c = Files.createDirectory(tmp.resolve("c"));
        TuningStage stage = new TuningStage(cfg, REGISTRY);
        List<Trial> first = stage.tune(tunedTrials(cfg), a, false, (t, r) -> { });
        List<Trial> second = stage.tune(tunedTrials(cfg), b, false, (t, r) -> { });
        assertEquals(comparable(a), comparable(b));
        assertEquals(chosen(first), chosen(second));
        ExperimentConfig other = config(CONFIG.replace("seed: 3", "seed: 4"));
        new TuningStage(other, REGISTRY).tune(tunedTrials(other), c, false, (t, r) -> { });
        assertNotEquals(comparable(a), comparable(c));
    }

    @Test
    void resumeKeepsFinishedCandidatesAndRunsOnlyTheRest() throws Exception {
        ExperimentConfig cfg = config(CONFIG);
        Path dir = Files.createDirectory(tmp.resolve("resume"));
        TuningStage stage = new TuningStage(cfg, REGISTRY);
        List<Trial> full = stage.tune(tunedTrials(cfg), dir, false, (t, r) -> { });
        List<String> complete = comparable(dir);
        Path file = dir.resolve(TuningLog.FILE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // a kill -9 during candidate 3 of the first split: 1 header + 3 candidates x 3 folds, then half a line
        List<String> kept = lines.subList(0, 1 + 3 * 3);
        Files.writeString(file, String.join("\n", kept) + "\n" + lines.get(10).substring(0, 20), StandardCharsets.UTF_8);
        String before = String.join("\n", kept);
        List<Trial> resumed = stage.tune(tunedTrials(cfg), dir, true, (t, r) -> { });
        assertEquals(chosen(full), chosen(resumed));
        assertEquals(complete, comparable(dir));
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith(before + "\n"), "finished candidates are kept as written");
        Set<String> seen = new HashSet<>();
        for (TuningRow r : TuningLog.read(file)) {
            assertTrue(seen.add(r.trial() + "#" + r.candidate() + "/" + r.fold()), "no candidate is fitted twice: " + r);
        }
    }

    @Test
    void foldsComeFromTheTrainingPartAndAreStratifiedOrClassDisjoint() {
        LabeledData digits = BuiltinDatasets.load("digits");
        Labels labels = digits.dataset().labels();
        List<Split> strat = new ValidationSpec(4, false).split(labels, 1);
        List<Split> disjoint = new ValidationSpec(4, true).split(labels, 1);
        Set<Integer> covered = new HashSet<>();
        for (Split s : strat) {
            assertEquals(labels.size(), s.train().length + s.test().length);
            for (int row : s.test()) {
                assertTrue(covered.add(row), "each row validates once");
            }
            assertEquals(labels.classCount(), labels.subset(s.test()).classCount(), "every class in every stratified fold");
        }
        assertEquals(labels.size(), covered.size());
        for (Split s : disjoint) {
            Set<Integer> trainClasses = new HashSet<>();
            for (int c : labels.subset(s.train()).classes()) {
                trainClasses.add(c);
            }
            for (int c : labels.subset(s.test()).classes()) {
                assertTrue(!trainClasses.contains(c), "validation class " + c + " is absent from the fold's training rows");
            }
            assertTrue(labels.subset(s.test()).classCount() >= 2);
        }
    }
}
