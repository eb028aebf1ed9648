package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.verify.OpenSetIdentification;
import org.metriclab.eval.verify.OpenSetProbes;
import org.metriclab.eval.verify.PairSample;
import org.metriclab.eval.verify.PairSampler;
import org.metriclab.eval.verify.ValidatedThreshold;
import org.metriclab.eval.verify.VerificationRates;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.config.Protocol;
import org.metriclab.experiments.config.ProtocolMeasure;
import org.metriclab.experiments.config.RetrievalMode;

/**
 * The measures a trial computes beside the evaluator's ({@link ProtocolMeasure}): open-set DIR@FAR over the
 * {@code class_disjoint} protocol's unknown classes, and the test TAR at thresholds chosen on a validation part of the
 * training rows ({@code threshold_from: validation}).
 *
 * @param measures the config's protocol measures, in config order
 */
record ProtocolMeasures(List<ProtocolMeasure> measures) {
    ProtocolMeasures {
        measures = List.copyOf(measures);
    }

    /** The protocol measures among the config's measures. */
    static ProtocolMeasures of(ExperimentConfig cfg) {
        return new ProtocolMeasures(cfg.measures().stream().map(ProtocolMeasure::parse).flatMap(Optional::stream).toList());
    }

    /** The config's measures that the evaluator computes (all but the protocol measures). */
    static List<String> evaluated(ExperimentConfig cfg) {
        return cfg.measures().stream().filter(m -> ProtocolMeasure.parse(m).isEmpty()).toList();
    }

    /**
     * The rows of the training part set aside for validation: per class round(fraction · size), at least one and at
     * most size − 1 for classes of two or more rows (singletons stay in the fit part), drawn from the seed's
     * "validation" stream. Indices into {@code labels}, ascending.
     */
    static int[] validationRows(Labels labels, double fraction, long seed) {
        SplittableRandom rng = new FitContext(seed, Progress.none()).random("validation");
        List<Integer> out = new ArrayList<>();
        for (int c : labels.classes()) {
            int[] members = labels.indicesOf(c);
            int[] perm = FitContext.permutation(members.length, rng);
            int take = members.length < 2 ? 0 : Math.max(1, Math.min(members.length - 1, (int) Math.round(fraction * members.length)));
            for (int k = 0; k < take; k++) {
                out.add(members[perm[k]]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The rows of {@code size} not in the ascending {@code excluded}. */
    static int[] complement(int size, int[] excluded) {
        int[] out = new int[size - excluded.length];
        int at = 0;
        int e = 0;
        for (int i = 0; i < size; i++) {
            if (e < excluded.length && excluded[e] == i) {
                e++;
            } else {
                out[at++] = i;
            }
        }
        return out;
    }

    /**
     * Every protocol measure's value: NaN where it is not estimable (then {@code warnings} says why).
     *
     * @param testEmb       the test rows' embeddings
     * @param references    the retrieval references' embeddings and labels (train_reference); empty for test_self
     * @param validation    the validation rows' embeddings and labels; empty without threshold_from: validation
     */
    Map<String, Double> compute(ExperimentConfig cfg, Matrix testEmb, Labels testLabels, Optional<Dataset> references,
                                Optional<Dataset> validation, long seed, List<String> warnings) {
        Map<String, Double> out = new LinkedHashMap<>();
        OpenSetIdentification openSet = null;
        PairSample validationPairs = null;
        PairSample testPairs = null;
        for (ProtocolMeasure m : measures) {
            double v;
            if (m.kind() == ProtocolMeasure.Kind.DIR_AT_FAR) {
                if (openSet == null) {
                    Protocol.ClassDisjoint p = (Protocol.ClassDisjoint) cfg.protocol();
                    openSet = OpenSetProbes.holdOut(EmbeddingRows.of(testEmb, "test embeddings"), testLabels.toArray(),
                            new HashSet<>(p.unknownClasses()));
                }
                v = openSet.dirAtFar(m.far()).rate();
                if (!openSet.estimable(m.far())) {
                    warnings.add(m.name() + "_not_estimable: needs at least " + OpenSetIdentification.unknownProbesNeeded(m.far())
                            + " unknown probes and one known, has " + openSet.unknownProbes() + " and " + openSet.knownProbes());
                }
            } else {
                Dataset val = validation.orElseThrow(() -> new IllegalStateException(m.name() + " without a validation part"));
                if (validationPairs == null) {
                    EmbeddingRows rows = EmbeddingRows.of(val.x(), "validation embeddings");
                    validationPairs = PairSampler.collect(rows, val.labels().toArray(), new ReferenceTiles(rows), val.labels().toArray(), true, seed);
                    testPairs = testPairs(cfg, testEmb, testLabels, references, seed);
                }
                ValidatedThreshold vt = ValidatedThreshold.of(validationPairs, testPairs, m.exponent());
                v = vt.testTar();
                if (Double.isNaN(v)) {
                    warnings.add(m.name() + "_not_estimable: " + VerificationRates.of(validationPairs).notEstimable(m.exponent())
                            .orElse("the test part has no same-label or no different-label pair") + " in the validation part");
                } else {
                    // the TAR alone hides how far the transferred threshold misses the FAR target on the test pairs
                    warnings.add(String.format(Locale.ROOT, "%s: test FAR %.4g at the validation threshold %.6g (validation FAR %.4g)",
                            m.name(), vt.testFar(), vt.threshold(), vt.validationFar()));
                }
            }
            out.put(m.name(), v);
        }
        return out;
    }

    /** The pairs the evaluator's tar_at_far uses: test × test (test_self) or test × references (train_reference). */
    private static PairSample testPairs(ExperimentConfig cfg, Matrix testEmb, Labels testLabels, Optional<Dataset> references, long seed) {
        EmbeddingRows q = EmbeddingRows.of(testEmb, "test embeddings");
        if (cfg.retrieval() == RetrievalMode.TEST_SELF || references.isEmpty()) {
            return PairSampler.collect(q, testLabels.toArray(), new ReferenceTiles(q), testLabels.toArray(), true, seed);
        }
        EmbeddingRows r = EmbeddingRows.of(references.get().x(), "reference embeddings");
        return PairSampler.collect(q, testLabels.toArray(), new ReferenceTiles(r), references.get().labels().toArray(), false, seed);
    }
}
