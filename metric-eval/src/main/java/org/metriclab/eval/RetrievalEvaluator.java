package org.metriclab.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.Optional;
import java.util.TreeMap;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.cluster.KMeansClusters;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RankEngine;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.RetrievalCurves;
import org.metriclab.eval.knn.RocAuc;
import org.metriclab.eval.verify.PairSample;
import org.metriclab.eval.verify.PairSampler;
import org.metriclab.eval.verify.VerificationCurve;
import org.metriclab.eval.verify.VerificationRates;

/**
 * Exact retrieval evaluation with the conventions of pytorch-metric-learning's AccuracyCalculator
 * computed over the full ranking (PML {@code k=None}).
 *
 * <ul>
 *   <li>k-NN: squared Euclidean distance in float64, ascending distance, ties by ascending reference index;
 *       in self mode the query's own index is excluded (exact duplicates of other rows stay).</li>
 *   <li>R = number of references with the query's label (minus the query itself in self mode). Lone queries
 *       (R = 0) are excluded from every k-NN measure (except precision_at_k and map_at_k under the trec
 *       {@link MeasureConvention}, where they count as 0); if every query is lone, those measures are NaN.</li>
 *   <li>precision_at_k divides by k (positions beyond the reference set count as misses, as PML);
 *       recall_at_k is the hit rate; r_precision, MAP@R and MAP are exact (k ≥ max R);
 *       MAP divides by R; map_at_k (MAP@k) divides by R, or as its {@link MeasureConvention} says; knn_accuracy_k is a majority vote among the min(k, references) nearest, vote ties
 *       broken by the nearest neighbour among the tied classes (lone queries excluded like the others).</li>
 *   <li>{@code _per_class}: mean per query label, then the unweighted mean over labels (avg-of-avgs).</li>
 *   <li>NMI/AMI: Smile k-means on the query embeddings with k = #distinct query labels, seeded by
 *       {@code seed}; scikit-learn arithmetic normalisation ({@link MutualInformation}).</li>
 *   <li>roc_auc: exact pair-verification AUC over all query–reference pairs ({@link RocAuc}); NaN without
 *       positive or negative pairs.</li>
 *   <li>eer, tar_at_far_&lt;x&gt;, fnmr_at_fmr_&lt;x&gt; and their thresholds: from the same pairs' distances
 *       ({@link PairSampler}: all of them, or a seeded sample per label stratum beyond the memory budget, its size
 *       given by verification_positive_pairs / verification_negative_pairs), as {@link VerificationRates} defines.</li>
 * </ul>
 * Memory stays O((queries + references)·d + block·references): distances are streamed in tiles
 * by {@link RankEngine}; no queries × references matrix is built. Ranks are computed from Gram-kernel tiles
 * (‖q‖² + ‖r‖² − 2q·r) with an exactness guard that recomputes Σ(q − r)² wherever a comparison falls within the
 * error bound, so results equal those of the exact kernel, which {@code -Dmetriclab.eval.exactKernel=true} selects
 * instead. Every per-query measure, built in or registered as a {@link RankedRetrievalMeasure}, is a function of
 * the query's ranked hits computed in that one pass. A null or empty measure list means {@link #defaultMeasures()}.
 */
public final class RetrievalEvaluator {
    private static final List<String> DEFAULTS = List.of("AMI", "NMI", "mean_average_precision",
            "mean_average_precision_at_r", "mean_reciprocal_rank", "precision_at_1", "r_precision");

    private RetrievalEvaluator() {
    }

    /**
     * Every supported measure name; {@code <k>} stands for a positive integer. The built-in names come
     * first, then those of the {@link RetrievalMeasure}s registered on the class path.
     */
    public static List<String> measureNames() {
        List<String> all = new ArrayList<>(Measure.names());
        all.addAll(RetrievalMeasures.load().names());
        return List.copyOf(all);
    }

    /** PML's default measures. */
    public static List<String> defaultMeasures() {
        return DEFAULTS;
    }

    /**
     * Rows scaled to unit L2 norm, for evaluating under cosine distance: for unit vectors
     * ‖â − b̂‖² = 2 − 2·cos(a, b), a strictly increasing function of the cosine distance, so every
     * ranking-based measure under Euclidean distance on the normalised rows is the measure under cosine
     * distance. A zero row has no direction and is rejected.
     */
    public static Matrix cosineNormalized(Matrix x) {
        double[] v = x.toArray();
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += v[i * d + j] * v[i * d + j];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("row " + i + " is a zero vector: cosine distance is undefined for it");
            }
            double inv = 1.0 / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                v[i * d + j] *= inv;
            }
        }
        return Matrix.of(x.rows(), d, v);
    }

    /** Self mode: references = queries, each query's own index excluded. */
    public static Map<String, Double> evaluateSelf(Matrix embeddings, Labels labels, List<String> measures, long seed) {
        return evaluateSelf(embeddings, labels, measures, seed, done -> { });
    }

    /** Self mode with progress (see {@link #evaluate(EmbeddingRows, int[], EmbeddingRows, int[], List, long, IntConsumer)}). */
    public static Map<String, Double> evaluateSelf(Matrix embeddings, Labels labels, List<String> measures, long seed,
                                                   IntConsumer queriesDone) {
        EmbeddingRows e = EmbeddingRows.of(embeddings, "embeddings");
        return evaluate(e, labelArray(labels, e.rows(), "labels", "embeddings"), e, null, measures, seed, queriesDone);
    }

    /** Query/reference mode (no self exclusion). */
    public static Map<String, Double> evaluate(Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, long seed) {
        return evaluate(queries, queryLabels, references, referenceLabels, measures, seed, done -> { });
    }

    /** Query/reference mode with progress (see {@link #evaluate(EmbeddingRows, int[], EmbeddingRows, int[], List, long, IntConsumer)}). */
    public static Map<String, Double> evaluate(Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, long seed, IntConsumer queriesDone) {
        EmbeddingRows q = EmbeddingRows.of(queries, "query embeddings");
        EmbeddingRows r = EmbeddingRows.of(references, "reference embeddings");
        return evaluate(q, labelArray(queryLabels, q.rows(), "query labels", "query embeddings"), r,
                labelArray(referenceLabels, r.rows(), "reference labels", "reference embeddings"), measures, seed, queriesDone);
    }

    /** Self mode on row-major float32 embeddings ({@code labels.length} rows). */
    public static Map<String, Double> evaluateSelf(float[] embeddings, int dim, int[] labels, List<String> measures, long seed) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        EmbeddingRows e = EmbeddingRows.of(embeddings, labels.length, dim, "embeddings");
        return evaluate(e, labels.clone(), e, null, measures, seed);
    }

    /**
     * The general entry point. {@code referenceLabels == null} means self mode ({@code references} must then be
     * {@code queries}).
     */
    public static Map<String, Double> evaluate(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references,
                                               int[] referenceLabels, List<String> measures, long seed) {
        return evaluate(queries, queryLabels, references, referenceLabels, measures, seed, done -> { });
    }

    /**
     * As {@link #evaluate(EmbeddingRows, int[], EmbeddingRows, int[], List, long)}, reporting progress: {@code queriesDone}
     * receives the number of queries whose ranking has just been scanned (called from worker threads, so it must be
     * thread-safe; the counts add up to the number of queries when any k-NN measure is requested).
     */
    public static Map<String, Double> evaluate(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references,
                                               int[] referenceLabels, List<String> measures, long seed, IntConsumer queriesDone) {
        // a mutable copy in the measures' order, as callers have always received
        return new LinkedHashMap<>(run(queries, queryLabels, references, referenceLabels, measures, seed, queriesDone, 0).values());
    }

    /**
     * As {@link #evaluate(EmbeddingRows, int[], EmbeddingRows, int[], List, long)}, as an {@link Evaluation} that also says
     * which measures the data cannot estimate (no curves).
     */
    public static Evaluation evaluation(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references, int[] referenceLabels,
                                        List<String> measures, long seed) {
        return run(queries, queryLabels, references, referenceLabels, measures, seed, done -> { }, 0);
    }

    /**
     * The measures and, for {@code curveDepth > 0}, the curves of {@link Evaluation} from the same ranking pass: the
     * retrieval curves' points are per-query measures appended to the pass (left out when their per-query values would
     * take more than a quarter of the heap), the verification curve comes from the pairs that the verification measures
     * collect (or, with only roc_auc requested, from pairs collected for it).
     */
    static Evaluation run(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references, int[] referenceLabels,
                          List<String> measures, long seed, IntConsumer queriesDone, int curveDepth) {
        boolean self = referenceLabels == null;
        if (queryLabels == null || queryLabels.length != queries.rows()) {
            throw new IllegalArgumentException("expected " + queries.rows() + " query labels, got "
                    + (queryLabels == null ? "none" : queryLabels.length));
        }
        int[] refLabels = self ? queryLabels : referenceLabels;
        if (self && references != queries) {
            throw new IllegalArgumentException("self mode needs the references to be the queries");
        }
        if (refLabels.length != references.rows()) {
            throw new IllegalArgumentException("expected " + references.rows() + " reference labels, got " + refLabels.length);
        }
        if (queries.dim() != references.dim()) {
            throw new IllegalArgumentException("query embeddings have " + queries.dim() + " columns but reference embeddings have "
                    + references.dim() + ": expected the same dimension");
        }
        List<String> requested = measures == null || measures.isEmpty() ? DEFAULTS : measures;
        RetrievalMeasures registered = requested.stream().allMatch(RetrievalMeasures::isBuiltin) ? null : RetrievalMeasures.load();
        List<Measure> parsed = new ArrayList<>();
        List<RankedRetrievalMeasure> rankedExtras = new ArrayList<>();
        for (String name : requested) {
            Optional<RetrievalMeasure> extra = registered == null ? Optional.empty() : registered.find(name);
            if (extra.isEmpty()) {
                parsed.add(Measure.parse(name));
            } else if (extra.get() instanceof RankedRetrievalMeasure ranked && !rankedExtras.contains(ranked)) {
                rankedExtras.add(ranked);
            }
        }
        // one ranking pass for every per-query measure: the built-ins' per-query quantities, then the extensions'
        List<RankMeasure> ranked = new ArrayList<>(parsed.stream().filter(m -> m.kind().isKnn()).map(Measure::base).distinct().toList());
        int builtinRanked = ranked.size();
        ranked.addAll(rankedExtras);
        int curveFirst = ranked.size();
        int depth = curveDepth > 0 && MemoryBudget.bytes(queries.rows(), curveFirst + RetrievalCurves.pointCount(curveDepth), MemoryBudget.DOUBLE)
                <= MemoryBudget.heapLimit() / 4 ? curveDepth : 0;
        if (depth > 0) {
            ranked.addAll(RetrievalCurves.pointMeasures(depth));
        }
        ReferenceTiles tiles = new ReferenceTiles(references);
        double[] perQuery = ranked.isEmpty() ? new double[0]
                : RankEngine.perQuery(queries, queryLabels, tiles, refLabels, self, ranked, 0, queries.rows(), queriesDone);
        Map<String, Double> result = new LinkedHashMap<>();
        Map<String, String> notEstimable = new LinkedHashMap<>();
        int[] clusters = null;
        PairSample pairs = null;
        for (Measure m : parsed) {
            double v;
            switch (m.kind()) {
                case NMI, AMI -> {
                    if (clusters == null) {
                        int k = (int) Arrays.stream(queryLabels).distinct().count();
                        clusters = KMeansClusters.assign(queries, k, seed);
                    }
                    v = m.kind() == Measure.Kind.NMI ? MutualInformation.nmi(queryLabels, clusters)
                            : MutualInformation.ami(queryLabels, clusters);
                }
                case ROC_AUC -> v = RocAuc.compute(queries, queryLabels, tiles, refLabels, self);
                case EER, EER_THRESHOLD, TAR_AT_FAR, TAR_AT_FAR_THRESHOLD, FNMR_AT_FMR, FNMR_AT_FMR_THRESHOLD,
                        VERIFICATION_POSITIVE_PAIRS, VERIFICATION_NEGATIVE_PAIRS -> {
                    if (pairs == null) {
                        pairs = PairSampler.collect(queries, queryLabels, tiles, refLabels, self, seed);
                    }
                    v = verification(m, pairs);
                    if (m.kind().takesK) {
                        String sample = pairs.sampled() ? " in the pair sample" : "";
                        VerificationRates.of(pairs).notEstimable(m.k()).ifPresent(why -> notEstimable.put(m.name() + "_not_estimable",
                                why + sample));
                    }
                }
                default -> v = average(perQuery, ranked.size(), ranked.indexOf(m.base()), queryLabels, m.perClass());
            }
            result.put(m.name(), v);
        }
        Optional<RetrievalCurves.Means> retrievalCurves = depth > 0
                ? Optional.of(RetrievalCurves.means(perQuery, queries.rows(), ranked.size(), curveFirst, depth)) : Optional.empty();
        if (curveDepth > 0 && pairs == null && parsed.stream().anyMatch(m -> m.kind() == Measure.Kind.ROC_AUC)) {
            pairs = PairSampler.collect(queries, queryLabels, tiles, refLabels, self, seed);
        }
        Optional<VerificationCurve> verificationCurve = curveDepth > 0 && pairs != null ? Optional.of(VerificationCurve.of(pairs))
                : Optional.empty();
        if (registered == null) {
            return new Evaluation(result, retrievalCurves, verificationCurve, notEstimable);
        }
        RetrievalTask task = null;
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : requested) {
            Optional<RetrievalMeasure> extra = registered.find(name);
            if (extra.isEmpty()) {
                ordered.put(Measure.parse(name).name(), result.get(Measure.parse(name).name()));
            } else if (extra.get() instanceof RankedRetrievalMeasure r) {
                ordered.put(name, average(perQuery, ranked.size(), builtinRanked + rankedExtras.indexOf(r), queryLabels, false));
            } else {
                task = task == null ? new RetrievalTask(queries, queryLabels, references, refLabels, self, seed) : task;
                ordered.put(name, extra.get().compute(task));
            }
        }
        return new Evaluation(ordered, retrievalCurves, verificationCurve, notEstimable);
    }

    /** A verification measure's value from the pair distances. */
    private static double verification(Measure m, PairSample pairs) {
        VerificationRates rates = VerificationRates.of(pairs);
        return switch (m.kind()) {
            case EER -> rates.eer().rate();
            case EER_THRESHOLD -> rates.eer().threshold();
            case TAR_AT_FAR -> rates.tarAtFar(m.k()).rate();
            case TAR_AT_FAR_THRESHOLD -> rates.tarAtFar(m.k()).threshold();
            case FNMR_AT_FMR -> rates.fnmrAtFmr(m.k()).rate();
            case FNMR_AT_FMR_THRESHOLD -> rates.fnmrAtFmr(m.k()).threshold();
            case VERIFICATION_POSITIVE_PAIRS -> pairs.positives().length;
            case VERIFICATION_NEGATIVE_PAIRS -> pairs.negatives().length;
            default -> throw new IllegalStateException(m.name() + " is not a verification measure");
        };
    }

    /** The mean over the task's non-lone queries of one per-query measure, ranked by the engine. */
    static double mean(RetrievalTask task, RankMeasure measure) {
        int[] queryLabels = task.queryLabelArray();
        double[] values = RankEngine.perQuery(task.queries(), queryLabels, new ReferenceTiles(task.references()),
                task.referenceLabelArray(), task.self(), List.of(measure), 0, task.queryCount(), done -> { });
        return average(values, 1, 0, queryLabels, false);
    }

    /** NMI of a given cluster assignment against the labels (scikit-learn, arithmetic normalisation). */
    public static double nmi(int[] labels, int[] clusters) {
        return MutualInformation.nmi(labels, clusters);
    }

    /** AMI of a given cluster assignment against the labels (scikit-learn, arithmetic normalisation). */
    public static double ami(int[] labels, int[] clusters) {
        return MutualInformation.ami(labels, clusters);
    }

    /**
     * The convention's mean of one per-query measure: column {@code column} of the row-major {@code perQuery}
     * (stride {@code stride}; NaN marks a lone query, which is left out), either over queries or, with
     * {@code perClass}, as the unweighted mean of per-label means (avg of avgs); NaN when every query is lone.
     * Public so that other evaluators (e.g. the distributed one) average exactly the same way.
     */
    public static double average(double[] perQuery, int stride, int column, int[] labels, boolean perClass) {
        if (!perClass) {
            double s = 0;
            long n = 0;
            for (int q = 0; q < labels.length; q++) {
                double v = perQuery[q * stride + column];
                if (!Double.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : s / n;
        }
        Map<Integer, double[]> byLabel = new TreeMap<>();
        for (int q = 0; q < labels.length; q++) {
            double v = perQuery[q * stride + column];
            if (!Double.isNaN(v)) {
                double[] acc = byLabel.computeIfAbsent(labels[q], l -> new double[2]);
                acc[0] += v;
                acc[1]++;
            }
        }
        if (byLabel.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double[] acc : byLabel.values()) {
            s += acc[0] / acc[1];
        }
        return s / byLabel.size();
    }

    private static int[] labelArray(Labels labels, int rows, String what, String of) {
        if (labels == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (labels.size() != rows) {
            throw new IllegalArgumentException(what + " has " + labels.size() + " entries but " + of + " has " + rows
                    + " rows: expected one label per row");
        }
        return labels.toArray();
    }
}
