package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.jackson.Trees;

/** {@code metriclab evaluate} end to end against pytorch-metric-learning's AccuracyCalculator (golden files). */
class EvaluateCommandTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "r_precision", "mean_average_precision_at_r",
            "mean_average_precision", "mean_reciprocal_rank");

    static Path fixture(String name) {
        try {
            return Path.of(EvaluateCommandTest.class.getResource("/retrieval/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> allMeasures() {
        List<String> all = new ArrayList<>(MEASURES);
        MEASURES.forEach(m -> all.add(m + "_per_class"));
        return all;
    }

    private static void assertGolden(Path expectedJson, Map<?, ?> actual) {
        Map<?, ?> expected = (Map<?, ?>) Trees.readJson(expectedJson);
        Map<?, ?> plain = (Map<?, ?>) expected.get("metrics");
        Map<?, ?> perClass = (Map<?, ?>) expected.get("metrics_avg_of_avgs");
        for (String m : MEASURES) {
            double tol = m.equals("mean_reciprocal_rank") ? 1e-6 : 1e-9;
            assertEquals(((Number) plain.get(m)).doubleValue(), ((Number) actual.get(m)).doubleValue(), tol, m);
            assertEquals(((Number) perClass.get(m)).doubleValue(), ((Number) actual.get(m + "_per_class")).doubleValue(), tol, m + "_per_class");
        }
    }

    @Test
    void selfModeReproducesTheGoldenValues() {
        Path dir = fixture("random_self");
        Cli r = Cli.run("evaluate", "--embeddings", dir.resolve("embeddings.csv").toString(), "--labels", dir.resolve("labels.csv").toString(),
                "--measures", String.join(",", allMeasures()));
        assertEquals(0, r.code(), r.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
        assertEquals(allMeasures(), new ArrayList<>(out.keySet()), "keys are the measures, in the order asked");
        assertGolden(dir.resolve("expected.json"), out);
    }

    @Test
    void queryReferenceModeReproducesTheGoldenValues() {
        Path dir = fixture("random_query_reference");
        Cli r = Cli.run("evaluate", "--embeddings", dir.resolve("query_embeddings.csv").toString(),
                "--labels", dir.resolve("query_labels.csv").toString(),
                "--reference-embeddings", dir.resolve("reference_embeddings.csv").toString(),
                "--reference-labels", dir.resolve("reference_labels.csv").toString(),
                "--measures", String.join(",", allMeasures()));
        assertEquals(0, r.code(), r.err());
        assertGolden(dir.resolve("expected.json"), (Map<?, ?>) Trees.parseYaml(r.out(), "stdout"));
    }

    @Test
    void ratesAtFarTargetsBeyondTheNegativePairsAreNullWithTheCountNeeded() {
        // 120 queries × 300 references: 36,000 pairs, of which fewer than 10^5 are negatives; FAR 0.1 is estimable
        Path dir = fixture("random_query_reference");
        Cli r = Cli.run("evaluate", "--embeddings", dir.resolve("query_embeddings.csv").toString(),
                "--labels", dir.resolve("query_labels.csv").toString(),
                "--reference-embeddings", dir.resolve("reference_embeddings.csv").toString(),
                "--reference-labels", dir.resolve("reference_labels.csv").toString(),
                "--measures", "tar_at_far_0_1,tar_at_far_0_00001,fnmr_at_fmr_0_00001_threshold,verification_negative_pairs");
        assertEquals(0, r.code(), r.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
        assertTrue(out.get("tar_at_far_0_1") instanceof Number, out.toString());
        assertEquals(null, out.get("tar_at_far_0_00001"));
        assertEquals(null, out.get("fnmr_at_fmr_0_00001_threshold"));
        long negatives = ((Number) out.get("verification_negative_pairs")).longValue();
        assertEquals("needs at least 100000 different-label pairs, has " + negatives, out.get("tar_at_far_0_00001_not_estimable"));
        assertEquals("needs at least 100000 different-label pairs, has " + negatives, out.get("fnmr_at_fmr_0_00001_threshold_not_estimable"));
        assertTrue(!out.containsKey("tar_at_far_0_1_not_estimable"), out.toString());
    }

    @Test
    void defaultMeasuresAreUsedWithoutMeasuresOption() {
        Path dir = fixture("random_self");
        Cli r = Cli.run("evaluate", "--embeddings", dir.resolve("embeddings.csv").toString(), "--labels", dir.resolve("labels.csv").toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
        assertTrue(out.keySet().containsAll(MEASURES), out.toString());
        assertEquals(0.79, ((Number) out.get("precision_at_1")).doubleValue(), 1e-12);
    }

    @Test
    void conventionSuffixesAreReportedUnderCanonicalNamesWithBootstrap() {
        Path dir = fixture("random_query_reference");
        Cli r = Cli.run("evaluate", "--embeddings", dir.resolve("query_embeddings.csv").toString(),
                "--labels", dir.resolve("query_labels.csv").toString(),
                "--reference-embeddings", dir.resolve("reference_embeddings.csv").toString(),
                "--reference-labels", dir.resolve("reference_labels.csv").toString(),
                "--measures", "precision_at_5_pml,precision_at_5_oml,map_at_5_trec", "--bootstrap", "20");
        assertEquals(0, r.code(), r.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
        assertEquals(List.of("precision_at_5", "precision_at_5_oml", "map_at_5_trec", "bootstrap_95ci"), new ArrayList<>(out.keySet()));
        assertTrue(((Map<?, ?>) out.get("bootstrap_95ci")).keySet().containsAll(List.of("precision_at_5", "map_at_5_trec")));
        assertTrue(((Number) out.get("precision_at_5_oml")).doubleValue() >= ((Number) out.get("precision_at_5")).doubleValue(),
                "dividing by min(k, R) never lowers precision");
    }
}
