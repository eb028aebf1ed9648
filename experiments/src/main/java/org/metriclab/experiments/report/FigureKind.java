package org.metriclab.experiments.report;

/** The figures {@code metriclab figure} draws one at a time. */
public enum FigureKind {
    /** Critical-difference diagram of one measure's average ranks over the datasets. */
    CD,
    /** Learners × datasets heatmap of one measure's means, coloured per dataset. */
    HEATMAP,
    /** Dot plots with 95% intervals, one panel per dataset. */
    DOTS,
    /** Training objective (and deep learners' loss) per iteration, one panel per learner. */
    CURVES,
    /** Fit time against training rows n on log–log axes, with each learner's fitted slope. */
    SCALING,
    /** Interpolated precision–recall curves, one panel per dataset. */
    PR,
    /** ROC curves of pair verification, one panel per dataset. */
    ROC,
    /** A learner's test embeddings in 2-D (refits it once on the first split). */
    EMBEDDING
}
