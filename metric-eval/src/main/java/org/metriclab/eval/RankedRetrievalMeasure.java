package org.metriclab.eval;

/**
 * A {@link RetrievalMeasure} that is the mean of a per-query function of the exact ranking. Registered through
 * the same {@code META-INF/services/org.metriclab.eval.RetrievalMeasure} line, it is computed by the evaluators'
 * own ranking engine in the pass that computes the built-in measures, so it runs wherever they run, the
 * distributed evaluator included. {@link #compute} evaluates it alone on a task.
 */
public interface RankedRetrievalMeasure extends RetrievalMeasure, RankMeasure {
    @Override
    default double compute(RetrievalTask task) {
        return RetrievalEvaluator.mean(task, this);
    }
}
