package org.metriclab.experiments.results;

import java.util.Arrays;

/**
 * The curves an evaluation records per trial in {@code retrieval_curves.csv}, with the axes their points use.
 */
public enum RetrievalCurve {
    /** Mean precision@k (y) against k (x, 1..100). */
    PRECISION_AT_K("precision_at_k", "k", "precision@k"),
    /** Mean recall@k, the fraction of relevant references among the k nearest (y), against k (x). */
    RECALL_AT_K("recall_at_k", "k", "recall@k"),
    /** Mean interpolated precision (y) at recall levels 0, 0.05, …, 1 (x). */
    PRECISION_RECALL("precision_recall", "recall", "interpolated precision"),
    /** Pair verification: true accept rate (y) against false accept rate (x). */
    ROC("roc", "false accept rate", "true accept rate"),
    /** Pair verification: false non-match rate (y) against false match rate (x). */
    DET("det", "false match rate", "false non-match rate");

    private final String csvName;
    private final String xLabel;
    private final String yLabel;

    RetrievalCurve(String csvName, String xLabel, String yLabel) {
        this.csvName = csvName;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The name in the {@code curve} column. */
    public String csvName() {
        return csvName;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    /** The curve named {@code name} in a file. */
    public static RetrievalCurve parse(String name) {
        return Arrays.stream(values()).filter(c -> c.csvName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("curve must be one of "
                        + Arrays.stream(values()).map(RetrievalCurve::csvName).toList() + ", found '" + name + "'"));
    }
}
