package org.metriclab.eval;

/**
 * An evaluation measure contributed by a jar on the class path, found through
 * {@link java.util.ServiceLoader}: list the implementing class (public, public no-arg constructor) in
 * {@code META-INF/services/org.metriclab.eval.RetrievalMeasure}. Its name is then accepted wherever the
 * built-in names are ({@link RetrievalEvaluator#evaluate}, experiment configs, {@code metriclab list
 * measures}).
 *
 * <p>Conventions: the name is fixed (no {@code <k>} templates), letters, digits and '_', and must not
 * be a built-in name ({@link RetrievalMeasures} fails loudly, naming both); higher is better unless
 * {@link #direction()} says otherwise; {@link #compute} is deterministic for a given task (use {@link RetrievalTask#seed()} for
 * randomness) and returns NaN only when the measure is undefined for the data (e.g. every query lone).
 */
public interface RetrievalMeasure {
    /** The name configs use, e.g. {@code ndcg_at_10}. */
    String name();

    /** A one-line description. */
    String description();

    /** Which way values are better; tables rank and mark the best cell by it. Scores (the default) are better higher. */
    default MeasureDirection direction() {
        return MeasureDirection.HIGHER_IS_BETTER;
    }

    /** The measure's value on these queries and references. */
    double compute(RetrievalTask task);
}
