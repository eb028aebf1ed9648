package org.example.metriclab.measure;

import org.metriclab.eval.RetrievalMeasure;
import org.metriclab.eval.RetrievalTask;

/**
 * Normalised discounted cumulative gain at 10 with binary relevance (Järvelin and Kekäläinen, "Cumulated
 * gain-based evaluation of IR techniques", ACM TOIS 2002): for each query,
 *
 * <pre>
 *   DCG@10  = Σ_{i=1..10} rel_i / log₂(i + 1),   rel_i = 1 if the i-th nearest reference has the query's label
 *   IDCG@10 = Σ_{i=1..min(10, R)} 1 / log₂(i + 1),   R = number of references with the query's label
 * </pre>
 *
 * and the measure is the mean of DCG@10 / IDCG@10 over queries with R ≥ 1 (lone queries are excluded,
 * as for the built-in k-NN measures; NaN if every query is lone). Ranking as the built-ins
 * ({@link RetrievalTask#nearest}). Registered by the line in
 * {@code META-INF/services/org.metriclab.eval.RetrievalMeasure}.
 */
public final class NdcgAt10 implements RetrievalMeasure {
    /** The cut-off. */
    static final int K = 10;

    @Override
    public String name() {
        return "ndcg_at_10";
    }

    @Override
    public String description() {
        return "normalised DCG of the 10 nearest references, binary relevance";
    }

    @Override
    public double compute(RetrievalTask task) {
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < task.queryCount(); q++) {
            int relevant = task.relevantCount(q);
            if (relevant == 0) {
                continue;
            }
            int[] nn = task.nearest(q, K);
            double dcg = 0;
            for (int i = 0; i < nn.length; i++) {
                if (task.referenceLabel(nn[i]) == task.queryLabel(q)) {
                    dcg += discount(i);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(K, relevant); i++) {
                ideal += discount(i);
            }
            sum += dcg / ideal;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** 1 / log₂(rank + 1) for the 0-based position {@code i} (rank i + 1). */
    private static double discount(int i) {
        return Math.log(2) / Math.log(i + 2);
    }
}
