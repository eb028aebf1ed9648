package org.metriclab.deep.crossmodal;

import java.util.List;
import java.util.Map;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * Cross-modal retrieval: every row's modality-A embedding queries the modality-B embeddings of all rows
 * (A→B), and every B embedding queries the A embeddings (B→A); a reference is relevant when it has the
 * query's class, the query's own other view included (it is a different item of the other modality).
 * The rows are joint embeddings of a {@link CrossModalMetric}: the first half of the columns from tower
 * A, the second half from tower B.
 */
public record CrossModalRetrieval(List<String> measures, long seed) {
    public CrossModalRetrieval {
        measures = List.copyOf(measures);
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("cross-modal retrieval needs at least one measure, e.g. mean_average_precision_at_r");
        }
    }

    /** The measures of both directions. */
    public record Result(Map<String, Double> aToB, Map<String, Double> bToA) {
        public Result {
            aToB = Map.copyOf(aToB);
            bToA = Map.copyOf(bToA);
        }
    }

    public Result evaluate(Matrix joint, Labels labels) {
        if (joint.cols() % 2 != 0) {
            throw new IllegalArgumentException("cross-modal embeddings hold both towers' outputs side by side; got an odd width " + joint.cols());
        }
        int e = joint.cols() / 2;
        int[] first = new int[e];
        int[] second = new int[e];
        for (int j = 0; j < e; j++) {
            first[j] = j;
            second[j] = e + j;
        }
        Matrix a = joint.columns(first);
        Matrix b = joint.columns(second);
        return new Result(RetrievalEvaluator.evaluate(a, labels, b, labels, measures, seed),
                RetrievalEvaluator.evaluate(b, labels, a, labels, measures, seed));
    }
}
