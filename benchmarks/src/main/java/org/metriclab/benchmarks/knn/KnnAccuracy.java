package org.metriclab.benchmarks.knn;

import java.util.List;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The k-NN accuracy the fit-time benchmarks report: metric-eval's {@code knn_accuracy_k} of the embedded query rows
 * against the embedded reference rows (squared Euclidean distance, ties by reference index, majority vote, vote ties
 * to the nearest tied class; queries whose label no reference has are left out).
 */
public final class KnnAccuracy {

    private KnnAccuracy() {
    }

    /** Fraction of query rows whose k-NN vote among the reference rows equals the query label. */
    public static double of(Matrix ref, int[] refLabels, Matrix queries, int[] queryLabels, int k) {
        String name = "knn_accuracy_" + k;
        return RetrievalEvaluator.evaluate(queries, Labels.of(queryLabels), ref, Labels.of(refLabels), List.of(name), 0).get(name);
    }
}
