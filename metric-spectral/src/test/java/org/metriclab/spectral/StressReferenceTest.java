package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.contract.StressDraws;
import org.metriclab.core.contract.StressReference;
import org.metriclab.core.contract.StressSet;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/**
 * The spectral learners with a metric-learn counterpart (LMNN, LSML, MMC, RCA, LFDA) on the stress sets
 * against metric-learn 0.7.0 (stress_reference.csv in metric-core's test jar), with metric-learn's
 * parameters: each must reach metric-learn's 1-NN and 5-NN test accuracy minus {@link #TOLERANCE}, or
 * throw a FitException; a non-finite or exploded embedding is never accepted. The constraint learners
 * (LSML, MMC, RCA) are fitted on metric-learn's own draw ({@link StressDraws}), so both sides see the
 * same constraints (RCA on {@code wide}, where metric-learn cannot draw 30 chunklets, on ours). LFDA is
 * compared in metric-learn's convention. MMC is judged with our default projection; metric-learn's own
 * (alternating) projection is printed for the record.
 */
class StressReferenceTest {
    /** Accuracy tolerance against metric-learn: small test sets (15 to 150 rows) make 0.05 a few rows. */
    static final double TOLERANCE = 0.05;

    /** metric-learn class → our learner name. */
    static final Map<String, String> NAMES = Map.of("LMNN", "lmnn", "LSML_Supervised", "lsml", "MMC_Supervised", "mmc",
            "RCA_Supervised", "rca", "LFDA", "lfda");

    static Stream<Arguments> references() {
        return StressReference.ofAll(NAMES.keySet()).stream().map(r -> Arguments.of(r.dataset(), r.algorithm(), r));
    }

    /** Our parameters for metric-learn's. */
    static Map<String, Object> params(String algorithm, Map<String, String> p) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (algorithm) {
            case "LMNN" -> {
                m.put("k", Integer.parseInt(p.get("n_neighbors")));
                m.put("learn_rate", Double.parseDouble(p.get("learn_rate")));
                m.put("max_iter", Integer.parseInt(p.get("max_iter")));
                m.put("min_iter", Integer.parseInt(p.get("min_iter")));
                m.put("regularization", Double.parseDouble(p.get("regularization")));
                m.put("convergence_tol", Double.parseDouble(p.get("convergence_tol")));
            }
            case "LSML_Supervised" -> {
                m.put("tol", Double.parseDouble(p.get("tol")));
                m.put("max_iter", Integer.parseInt(p.get("max_iter")));
                m.put("constraints", Integer.parseInt(p.get("n_constraints")));
            }
            case "MMC_Supervised" -> {
                m.put("max_iter", Integer.parseInt(p.get("max_iter")));
                m.put("max_proj", Integer.parseInt(p.get("max_proj")));
                m.put("tol", Double.parseDouble(p.get("tol")));
                m.put("diagonal", Boolean.parseBoolean(p.get("diagonal").toLowerCase()));
                m.put("constraints", Integer.parseInt(p.get("n_constraints")));
            }
            case "RCA_Supervised" -> {
                m.put("chunks", Integer.parseInt(p.get("n_chunks")));
                m.put("chunk_size", Integer.parseInt(p.get("chunk_size")));
            }
            case "LFDA" -> {
                m.put("k", Integer.parseInt(p.get("k")));
                m.put("embedding", p.get("embedding_type"));
                m.put("convention", "metric_learn");
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        return m;
    }

    private static MetricLearner<?> learner(String name, Map<String, Object> params) {
        return Learners.of(List.of(new SpectralCatalog())).create(name, Params.of(params));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("references")
    void reachesMetricLearnOrRefuses(String dataset, String algorithm, StressReference ref) {
        StressSet set = StressSet.load(dataset);
        Map<String, Object> ours = params(algorithm, ref.mlParams());
        Params params = Params.of(ours);
        StressDraws draws = StressDraws.of(set);
        MetricLearner<?> l = switch (algorithm) {
            case "LSML_Supervised" -> (MetricLearner<MahalanobisMetric>) (train, ctx) -> LsmlLearner.from(params)
                    .fit(train.x(), draws.quadruplets(), ctx);
            case "MMC_Supervised" -> (MetricLearner<MahalanobisMetric>) (train, ctx) -> MmcLearner.from(params)
                    .fit(train.x(), draws.pairs(), ctx);
            case "RCA_Supervised" -> draws.chunklets().isPresent()
                    ? (MetricLearner<MahalanobisMetric>) (train, ctx) -> RcaLearner.from(params)
                            .fit(train.x(), draws.chunklets().get(), ctx)
                    : learner(NAMES.get(algorithm), ours);
            default -> learner(NAMES.get(algorithm), ours);
        };
        String verdict = ref.check(l, set, TOLERANCE);
        if (algorithm.equals("MMC_Supervised")) {
            Map<String, Object> alternating = new LinkedHashMap<>(ours);
            alternating.put("projection", "alternating");
            MmcLearner mmc = MmcLearner.from(Params.of(alternating));
            System.out.println(ref.describe(StressReference.fit((MetricLearner<MahalanobisMetric>) (train, ctx) -> mmc.fit(train.x(),
                    draws.pairs(), ctx), set, 0)) + " (projection alternating, metric-learn's algorithm, for the record)");
        }
        assertNull(verdict);
    }
}
