package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.jackson.Trees;

class ConfigBinderTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));
    private static final String VALID = """
            name: t
            datasets: [iris, wine]
            seeds: [0, 1]
            learners:
              - {type: euclidean}
              - {type: covariance, params: {rcond: 1.0e-8}}
            measures: [precision_at_1, knn_accuracy_5]
            """;

    @TempDir
    Path dir;

    private ExperimentConfig bind(String yaml) {
        return new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml(yaml, "test.yaml"));
    }

    private ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> bind(yaml));
    }

    @Test
    void bindsAndFillsEveryDefault() {
        ExperimentConfig c = bind(VALID);
        assertEquals(List.of("iris", "wine"), c.datasetNames());
        assertEquals(new Protocol.FixedSplit(), c.protocol());
        assertEquals(RetrievalMode.TRAIN_REFERENCE, c.retrieval());
        assertEquals(Preprocessing.defaults(), c.preprocessing());
        assertEquals(TableSpec.defaults(), c.table());
        assertEquals(List.of("euclidean", "covariance"), c.learnerLabels());
        assertEquals(Map.of("rcond", 1.0e-8), c.variants().get(1).resolvedParams());
        String resolved = Trees.toYaml(c.toTree());
        assertTrue(resolved.contains("standardize: true"), resolved);
        assertTrue(resolved.contains("rcond: 1.0E-8"), resolved);
        assertTrue(resolved.contains("type: fixed_split"), resolved);
    }

    @Test
    void learnerDefaultsAreResolved() {
        ExperimentConfig c = bind(VALID.replace("{type: covariance, params: {rcond: 1.0e-8}}", "{type: covariance}"));
        assertEquals(Map.of("rcond", 1e-10), c.variants().get(1).resolvedParams());
    }

    @Test
    void sweepExpandsToLabelledVariants() {
        ExperimentConfig c = bind(VALID.replace("{type: covariance, params: {rcond: 1.0e-8}}",
                "{type: covariance, label: cov, sweep: {rcond: [0.1, 0.01]}}"));
        assertEquals(List.of("euclidean", "cov (rcond=0.1)", "cov (rcond=0.01)"), c.learnerLabels());
        assertEquals(0.01, c.variants().get(2).resolvedParams().get("rcond"));
        String resolved = Trees.toYaml(c.toTree());
        assertTrue(resolved.contains("variants:") && resolved.contains("label: cov (rcond=0.01)"), resolved);
    }

    @Test
    void unknownKeysFailWithTheirPathAtEveryDepth() {
        assertEquals("color", fails(VALID + "color: red\n").path());
        assertEquals("protocol.fold", fails(VALID + "protocol: {type: kfold, fold: 3}\n").path());
        assertEquals("preprocessing.scale", fails(VALID + "preprocessing: {scale: true}\n").path());
        assertEquals("table.cols", fails(VALID + "table: {cols: learner}\n").path());
        assertEquals("learners[1].param", fails(VALID.replace("params: {rcond", "param: {rcond")).path());
        assertEquals("datasets[1].idx.directory",
                fails(VALID.replace("[iris, wine]", "[iris, {name: fm, idx: {directory: /x}}]")).path());
        ConfigException e = fails(VALID + "color: red\n");
        assertTrue(e.getMessage().startsWith("color: unknown key 'color'; known: "), e.getMessage());
    }

    @Test
    void unknownLearnerListsTheKnownOnes() {
        ConfigException e = fails(VALID.replace("{type: euclidean}", "{type: lfdaa}"));
        assertEquals("learners[0].type", e.path());
        assertEquals("learners[0].type: unknown learner 'lfdaa'; known: covariance, euclidean", e.getMessage());
    }

    @Test
    void unknownLearnerParameterNamesThePathAndTheKnownParameters() {
        ConfigException e = fails(VALID.replace("{rcond: 1.0e-8}", "{rcond: 1.0e-8, kk: 3}"));
        assertEquals("learners[1].params.kk: unknown parameter 'kk' for learner 'covariance'; known: rcond", e.getMessage());
        ConfigException swept = fails(VALID.replace("params: {rcond: 1.0e-8}", "sweep: {kk: [1, 2]}"));
        assertEquals("learners[1].sweep.kk", swept.path());
    }

    @Test
    void invalidParameterValuesFailBeforeRunning() {
        ConfigException e = fails(VALID.replace("rcond: 1.0e-8", "rcond: abc"));
        assertEquals("learners[1].params.rcond", e.path());
        assertTrue(e.getMessage().contains("expected a finite number"), e.getMessage());
        ConfigException range = fails(VALID.replace("rcond: 1.0e-8", "rcond: 2"));
        assertTrue(range.getMessage().contains("rcond must be in [0, 1)"), range.getMessage());
    }

    @Test
    void unknownMeasureAndDatasetAndProtocolFail() {
        ConfigException m = fails(VALID.replace("knn_accuracy_5", "knn_acc_5"));
        assertEquals("measures[1]", m.path());
        assertTrue(m.getMessage().contains("unknown measure 'knn_acc_5'; known: "), m.getMessage());
        assertEquals("datasets[1]", fails(VALID.replace("[iris, wine]", "[iris, wines]")).path());
        assertTrue(fails(VALID.replace("[iris, wine]", "[iris, wines]")).getMessage().contains("known: iris, wine, breast_cancer, digits"));
        ConfigException p = fails(VALID + "protocol: {type: bootstrap}\n");
        assertEquals("protocol.type: unknown protocol 'bootstrap'; known: fixed_split, kfold, holdout, class_disjoint", p.getMessage());
        assertEquals("protocol.folds", fails(VALID + "protocol: {type: kfold, folds: 1}\n").path());
        assertEquals("protocol.test_fraction", fails(VALID + "protocol: {type: holdout, test_fraction: 1.5}\n").path());
        assertEquals("retrieval", fails(VALID + "protocol: {type: class_disjoint, train_classes: [0], test_classes: [1]}\n").path());
        assertEquals("retrieval", fails(VALID + "retrieval: everything\n").path());
    }

    @Test
    void runsAcceptErrorRatesThresholdsAndCounts() {
        for (String m : List.of("tar_at_far_0_01", "eer", "fnmr_at_fmr_0_01", "tar_at_far_0_01_threshold", "verification_negative_pairs")) {
            assertEquals(List.of("precision_at_1", m), bind(VALID.replace("knn_accuracy_5", m)).measures());
        }
        assertEquals("measures[1]", fails(VALID.replace("knn_accuracy_5", "eer_at_far_0_01")).path());
    }

    @Test
    void measureTemplatesAcceptAnyPositiveK() {
        ExperimentConfig c = bind(VALID.replace("knn_accuracy_5", "precision_at_10_per_class"));
        assertEquals(List.of("precision_at_1", "precision_at_10_per_class"), c.measures());
        assertEquals("measures[1]", fails(VALID.replace("knn_accuracy_5", "precision_at_0")).path());
    }

    @Test
    void structuralMistakesNameTheirPath() {
        assertEquals("name", fails(VALID.replace("name: t\n", "")).path());
        assertEquals("title", fails(VALID.replace("name: t", "title: t")).path());
        assertEquals("learners", fails(VALID.substring(0, VALID.indexOf("learners:")) + "learners: []\n").path());
        assertEquals("seeds[1]", fails(VALID.replace("[0, 1]", "[0, 0]")).path());
        assertEquals("learners[1]", fails(VALID.replace("{type: covariance, params: {rcond: 1.0e-8}}", "{type: euclidean}")).path());
        assertEquals("datasets[1].csv", fails(VALID.replace("[iris, wine]", "[iris, {csv: missing.csv}]")).path());
    }

    @Test
    void csvPathsAreResolvedAgainstTheConfigDirectory() throws Exception {
        Files.writeString(dir.resolve("toy.csv"), "a,b,label\n1,2,0\n3,4,1\n");
        ExperimentConfig c = bind(VALID.replace("[iris, wine]", "[{csv: toy.csv}]"));
        DatasetSpec.Csv csv = (DatasetSpec.Csv) c.datasets().get(0);
        assertEquals("toy", csv.name());
        assertEquals(dir.resolve("toy.csv"), csv.csv());
        assertEquals("label", csv.label());
    }

    @Test
    void trainSizesSweepNamesADatasetVariantPerSize() {
        ExperimentConfig c = bind(VALID + "protocol: {type: holdout, test_fraction: 0.3, repeats: 1, train_sizes: [20, 40]}\n");
        assertEquals(new TrainSizes(List.of(20, 40)), c.trainSizes());
        assertEquals(new Protocol.Holdout(0.3, 1), c.protocol());
        assertEquals(List.of("iris (n=20)", "iris (n=40)", "wine (n=20)", "wine (n=40)"), c.datasetNames());
        String resolved = Trees.toYaml(c.toTree());
        assertTrue(resolved.contains("train_sizes:") && resolved.contains("- 40"), resolved);
        ExperimentConfig again = new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml(resolved.replace("builtin: true", ""), "resolved.yaml"));
        assertEquals(c.trainSizes(), again.trainSizes(), "the resolved config binds back to the same sweep");
        assertEquals(TrainSizes.none(), bind(VALID).trainSizes());
        assertEquals(List.of("iris", "wine"), bind(VALID + "protocol: {type: kfold}\n").datasetNames());
    }

    @Test
    void invalidTrainSizesFailWithTheirPath() {
        String base = VALID + "protocol: {type: kfold, folds: 3, train_sizes: ";
        ConfigException small = fails(base + "[20, 1]}\n");
        assertEquals("protocol.train_sizes[1]: expected a training-set size from 2 to 2147483647 (the 32-bit limit), found 1", small.getMessage());
        ConfigException twice = fails(base + "[20, 20]}\n");
        assertEquals("protocol.train_sizes[1]: train size 20 is listed twice", twice.getMessage());
        assertEquals("protocol.train_sizes[0]", fails(base + "[many]}\n").path());
        assertEquals("protocol.train_sizes[0]", fails(base + "[2.5]}\n").path());
        ConfigException scalar = fails(base + "30}\n");
        assertEquals("protocol.train_sizes", scalar.path());
        assertTrue(scalar.getMessage().contains("expected a list"), scalar.getMessage());
        assertEquals("protocol.train_sizes", fails(base + "[]}\n").path());
        assertEquals("protocol.train_size", fails(VALID + "protocol: {type: kfold, train_size: [20]}\n").path());
    }
}
