package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.verify.OpenSetProbes;
import org.metriclab.eval.verify.PairSample;
import org.metriclab.eval.verify.PairSampler;
import org.metriclab.eval.verify.ValidatedThreshold;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialLog;

/** unknown_classes, threshold_from: validation and measure conventions through the runner, against metric-eval called directly. */
class ProtocolMeasuresRunTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));

    @TempDir
    Path tmp;

    private static ExperimentConfig config(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
    }

    private Map<String, ResultRow> run(String yaml) {
        Path dir = tmp.resolve(config(yaml).name());
        new Runner(REGISTRY, RunListener.none(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), dir, false, 1);
        return TrialLog.read(dir.resolve(TrialLog.ROWS)).stream().collect(Collectors.toMap(ResultRow::measure, r -> r));
    }

    @Test
    void unknownClassesGiveDirAtFarAsOpenSetProbesDoes() {
        String yaml = """
                name: openset
                datasets: [digits]
                protocol: {type: class_disjoint, train_classes: [0, 1, 2, 3, 4], test_classes: [5, 6, 7, 8, 9], unknown_classes: [8, 9]}
                retrieval: test_self
                preprocessing: {standardize: false}
                learners: [{type: euclidean}]
                measures: [precision_at_1, dir_at_far_0_1, dir_at_far_0_01, dir_at_far_0_001]
                """;
        Map<String, ResultRow> rows = run(yaml);
        Trial t = Runner.planDataset(config(yaml), 0).get(0);
        Dataset test = t.data().subset(t.split().test());
        var open = OpenSetProbes.holdOut(EmbeddingRows.of(test.x(), "test"), test.labels().toArray(), Set.of(8, 9));
        assertEquals(open.dirAtFar(0.1).rate(), rows.get("dir_at_far_0_1").value(), 0.0);
        assertEquals(open.dirAtFar(0.01).rate(), rows.get("dir_at_far_0_01").value(), 0.0);
        assertTrue(rows.get("dir_at_far_0_1").value() > 0.5, "digits under Euclidean distance separate most probes");
        // 354 unknown probes cannot estimate FAR 10^-3 (1000 needed): NaN, with the reason in the warnings
        assertTrue(Double.isNaN(rows.get("dir_at_far_0_001").value()));
        assertTrue(rows.get("dir_at_far_0_001").warnings().contains("dir_at_far_0_001_not_estimable: needs at least 1000 unknown probes"),
                rows.get("dir_at_far_0_001").warnings());
        assertTrue(rows.get("precision_at_1").value() > 0.9);
    }

    @Test
    void validatedThresholdsComeFromHeldOutTrainingRows() throws Exception {
        String yaml = """
                name: validated
                datasets: [wine]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 1}
                preprocessing: {standardize: false}
                threshold_from: validation
                validation_fraction: 0.25
                learners: [{type: covariance}]
                measures: [tar_at_far_0_1, validated_tar_at_far_0_1, validated_tar_at_far_0_01]
                """;
        Map<String, ResultRow> rows = run(yaml);
        Trial t = Runner.planDataset(config(yaml), 0).get(0);
        Dataset train = t.data().subset(t.split().train());
        Dataset test = t.data().subset(t.split().test());
        int[] held = ProtocolMeasures.validationRows(train.labels(), 0.25, 0);
        int[] fitRows = ProtocolMeasures.complement(train.size(), held);
        assertEquals(train.size(), held.length + fitRows.length);
        // per class round(0.25 · size): wine's training part keeps its class proportions
        int[] sizes = train.labels().classSizes();
        assertEquals(Arrays.stream(sizes).map(s -> (int) Math.round(0.25 * s)).sum(), held.length);
        LearnedMetric metric = Pipeline.fit(train.subset(fitRows), config(yaml).preprocessing(),
                REGISTRY.create("covariance", Params.of(Map.of())), new FitContext(0, Progress.none()));
        EmbeddingRows val = EmbeddingRows.of(metric.embed(train.subset(held).x()), "validation");
        int[] valLabels = train.subset(held).labels().toArray();
        PairSample valPairs = PairSampler.collect(val, valLabels, new ReferenceTiles(val), valLabels, true, 0);
        EmbeddingRows q = EmbeddingRows.of(metric.embed(test.x()), "test");
        Matrix refs = metric.embed(train.x());
        PairSample testPairs = PairSampler.collect(q, test.labels().toArray(), new ReferenceTiles(EmbeddingRows.of(refs, "refs")),
                train.labels().toArray(), false, 0);
        double tar = rows.get("validated_tar_at_far_0_1").value();
        assertTrue(tar > 0 && tar <= 1, "a rate, not NaN: " + tar);
        assertEquals(ValidatedThreshold.of(valPairs, testPairs, 1).testTar(), tar, 1e-15);
        assertEquals(ValidatedThreshold.of(valPairs, testPairs, 2).testTar(), rows.get("validated_tar_at_far_0_01").value(), 1e-15);
        ValidatedThreshold one = ValidatedThreshold.of(valPairs, testPairs, 1);
        assertTrue(rows.get("tar_at_far_0_1").warnings().contains(String.format(java.util.Locale.ROOT,
                "validated_tar_at_far_0_1: test FAR %.4g at the validation threshold %.6g", one.testFar(), one.threshold())),
                rows.get("tar_at_far_0_1").warnings());
        String resolved = Files.readString(tmp.resolve("validated").resolve("config.resolved.yaml"));
        assertTrue(resolved.contains("threshold_from: validation") && resolved.contains("validation_fraction: 0.25"), resolved);
    }

    @Test
    void conventionsAppearInRowsAndTableFootnotes() throws Exception {
        String yaml = """
                name: conventions
                datasets: [iris]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 1}
                learners: [{type: euclidean}]
                measures: [precision_at_10, {name: precision_at_k, k: 10, convention: oml}, {name: map_at_10, convention: trec}, map_at_10_oml]
                """;
        Map<String, ResultRow> rows = run(yaml);
        assertEquals(Set.of("precision_at_10", "precision_at_10_oml", "map_at_10_trec", "map_at_10_oml"), rows.keySet());
        String md = Files.readString(tmp.resolve("conventions").resolve("tables/precision_at_10_oml.md"));
        assertTrue(md.contains("precision_at_10_oml: oml convention (relevant among the 10 nearest / min(10, R)"), md);
        assertTrue(Files.readString(tmp.resolve("conventions").resolve("tables/precision_at_10.md")).contains("pml convention"));
    }

    @Test
    void badSettingsNameTheirConfigPath() {
        String base = """
                name: bad
                datasets: [digits]
                protocol: {type: class_disjoint, train_classes: [0, 1], test_classes: [5, 6], unknown_classes: UNKNOWN}
                retrieval: test_self
                learners: [{type: euclidean}]
                measures: MEASURES
                """;
        assertFails(base.replace("UNKNOWN", "[1]").replace("MEASURES", "[dir_at_far_0_1]"), "protocol.unknown_classes[0]",
                "unknown class 1 is a training class");
        assertFails(base.replace("UNKNOWN", "[7]").replace("MEASURES", "[dir_at_far_0_1]"), "protocol.unknown_classes[0]",
                "unknown class 7 is not among test_classes [5, 6]");
        assertFails(base.replace("UNKNOWN", "[5, 6]").replace("MEASURES", "[dir_at_far_0_1]"), "protocol.unknown_classes",
                "leaves the gallery empty");
        String noUnknown = base.replace(", unknown_classes: UNKNOWN", "");
        assertFails(noUnknown.replace("MEASURES", "[precision_at_1, dir_at_far_0_1]"), "measures[1]", "use protocol class_disjoint with unknown_classes");
        assertFails(noUnknown.replace("MEASURES", "[validated_tar_at_far_0_1]"), "measures[0]", "add threshold_from: validation");
        assertFails(noUnknown.replace("MEASURES", "[precision_at_1]") + "threshold_from: validation\n", "threshold_from",
                "none is listed");
        assertFails(noUnknown.replace("MEASURES", "[precision_at_1]") + "validation_fraction: 0.3\n", "validation_fraction",
                "needs threshold_from: validation");
        assertFails(noUnknown.replace("MEASURES", "[{name: r_precision, convention: oml}]"), "measures[0].convention",
                "only precision_at_<k>, map_at_<k> and mean_reciprocal_rank take one");
        assertFails(noUnknown.replace("MEASURES", "[{name: mean_reciprocal_rank, convention: oml}]"), "measures[0].convention",
                "has no oml convention; mean_reciprocal_rank takes pml or trec");
        assertFails(noUnknown.replace("MEASURES", "[{name: map_at_k, convention: faiss, k: 5}]"), "measures[0].convention",
                "unknown measure convention 'faiss'; expected one of pml, oml, trec");
        assertFails(noUnknown.replace("MEASURES", "[{name: r_precision, k: 5}]"), "measures[0].k", "has no k to fill");
        assertFails(noUnknown.replace("MEASURES", "[map_at_5, map_at_5_pml]"), "measures[1]", "measure 'map_at_5' is listed twice");
        assertFails(noUnknown.replace("MEASURES", "[{name: map_at_5_oml, convention: trec}]"), "measures[0].convention",
                "already names convention oml");
    }

    private static void assertFails(String yaml, String path, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> config(yaml), yaml);
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
