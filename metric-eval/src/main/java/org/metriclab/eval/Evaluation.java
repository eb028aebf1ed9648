package org.metriclab.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RetrievalCurves;
import org.metriclab.eval.verify.VerificationCurve;

/**
 * The measures of one evaluation together with its curves, all from one exact ranking pass
 * ({@link RetrievalEvaluator}'s conventions).
 *
 * @param values       measure name → value, as {@link RetrievalEvaluator#evaluate} returns them
 * @param retrieval    P@k, R@k (k = 1..depth) and the interpolated precision–recall curve, averaged over the
 *                     non-lone queries; empty when the per-query values would not fit a quarter of the heap
 * @param verification the ROC/DET curve of the verification pairs; present when a verification measure or roc_auc
 *                     was requested
 * @param notEstimable for each measure whose value is NaN because the data cannot estimate it (a rate at FAR x from fewer
 *                     than ⌈1/x⌉ different-label pairs), the key {@code <measure>_not_estimable} and the reason
 */
public record Evaluation(Map<String, Double> values, Optional<RetrievalCurves.Means> retrieval,
        Optional<VerificationCurve> verification, Map<String, String> notEstimable) {
    public Evaluation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        notEstimable = Collections.unmodifiableMap(new LinkedHashMap<>(notEstimable));
    }

    /** An evaluation in which every measure was estimable. */
    public Evaluation(Map<String, Double> values, Optional<RetrievalCurves.Means> retrieval, Optional<VerificationCurve> verification) {
        this(values, retrieval, verification, Map.of());
    }

    /** The reasons as warning text: "tar_at_far_0_001_not_estimable: needs at least 1000 ...", joined by "; ". */
    public List<String> warnings() {
        return notEstimable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /** Self mode (references = queries, each query's own index excluded), with curves to cut-off {@code depth}. */
    public static Evaluation self(Matrix embeddings, Labels labels, List<String> measures, long seed, int depth) {
        EmbeddingRows e = EmbeddingRows.of(embeddings, "embeddings");
        return RetrievalEvaluator.run(e, labels(labels, e.rows()), e, null, measures, seed, done -> { }, positive(depth));
    }

    /** Self mode without curves, reporting query progress (see {@link RetrievalEvaluator#evaluate}). */
    public static Evaluation self(Matrix embeddings, Labels labels, List<String> measures, long seed, IntConsumer queriesDone) {
        EmbeddingRows e = EmbeddingRows.of(embeddings, "embeddings");
        return RetrievalEvaluator.run(e, labels(labels, e.rows()), e, null, measures, seed, queriesDone, 0);
    }

    /** Query/reference mode without curves, reporting query progress. */
    public static Evaluation of(Matrix queries, Labels queryLabels, Matrix references, Labels referenceLabels, List<String> measures,
            long seed, IntConsumer queriesDone) {
        EmbeddingRows q = EmbeddingRows.of(queries, "query embeddings");
        EmbeddingRows r = EmbeddingRows.of(references, "reference embeddings");
        return RetrievalEvaluator.run(q, labels(queryLabels, q.rows()), r, labels(referenceLabels, r.rows()), measures, seed,
                queriesDone, 0);
    }

    /** Query/reference mode, with curves to cut-off {@code depth}. */
    public static Evaluation of(Matrix queries, Labels queryLabels, Matrix references, Labels referenceLabels, List<String> measures,
            long seed, int depth) {
        EmbeddingRows q = EmbeddingRows.of(queries, "query embeddings");
        EmbeddingRows r = EmbeddingRows.of(references, "reference embeddings");
        return RetrievalEvaluator.run(q, labels(queryLabels, q.rows()), r, labels(referenceLabels, r.rows()), measures, seed,
                done -> { }, positive(depth));
    }

    private static int positive(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("the curves' deepest cut-off must be at least 1, got " + depth);
        }
        return depth;
    }

    private static int[] labels(Labels labels, int rows) {
        if (labels == null || labels.size() != rows) {
            throw new IllegalArgumentException("expected " + rows + " labels, one per embedding row, got "
                    + (labels == null ? "none" : labels.size()));
        }
        return labels.toArray();
    }
}
