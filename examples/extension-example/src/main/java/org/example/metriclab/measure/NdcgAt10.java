package org.example.metriclab.measure;

import org.metriclab.eval.RankedRetrievalMeasure;
import org.metriclab.eval.knn.RankedHits;

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
 * as for the built-in k-NN measures; NaN if every query is lone). As a {@link RankedRetrievalMeasure} it is a
 * function of one query's ranked hits (rel_i = 1 exactly at the relevant ranks p_j ≤ 10), computed in the
 * evaluators' ranking pass, so it runs locally and on Spark alike. Registered by the line in
 * {@code META-INF/services/org.metriclab.eval.RetrievalMeasure}.
 */
public final class NdcgAt10 implements RankedRetrievalMeasure {
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

    /** DCG@10 / IDCG@10 of one query: its relevant references ranked 10th or better, against the ideal ranking. */
    @Override
    public double of(RankedHits hits) {
        double dcg = 0;
        for (int i = 0; i < hits.relevant() && hits.rank(i) <= K; i++) {
            dcg += discount((int) hits.rank(i) - 1);
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(K, hits.relevant()); i++) {
            ideal += discount(i);
        }
        return dcg / ideal;
    }

    /** 1 / log₂(rank + 1) for the 0-based position {@code i} (rank i + 1). */
    private static double discount(int i) {
        return Math.log(2) / Math.log(i + 2);
    }
}
