package org.metriclab.core.stochastic;

import java.util.ServiceLoader;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.Params;

/**
 * Where a stochastic fit evaluates its batches: {@code engine: local} (this JVM) or {@code spark}
 * (data-parallel: each of {@code partitions} partitions evaluates the batch's queries among its rows,
 * Spark's treeAggregate sums the gradients, the driver steps), with {@code master} the Spark master
 * (empty: the active session's, else spark.master, else local[partitions]).
 */
public record Distribution(Engine engine, int partitions, String master) {
    /** The engines a learner can name. */
    public enum Engine { LOCAL, SPARK }

    public static final int MAX_PARTITIONS = 1 << 16;

    public Distribution {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be in 1.." + MAX_PARTITIONS + " (Spark partitions of the training rows), got "
                    + partitions);
        }
        master = master == null ? "" : master.trim();
    }

    public static Distribution local() {
        return new Distribution(Engine.LOCAL, 1, "");
    }

    /** Reads {@code engine} [local], {@code partitions} [2] and {@code master} [""]. */
    public static Distribution from(Params p) {
        Engine e = p.getEnum("engine", Engine.LOCAL);
        if (e == Engine.LOCAL) {
            return local();
        }
        return new Distribution(e, p.getInt("partitions", 2), p.getString("master", ""));
    }

    /** An oracle for {@code evaluator} over {@code rows} on this engine; close it after the fit. */
    public GradientEngine.Oracle open(RowSource rows, BatchEvaluator evaluator) {
        if (engine == Engine.LOCAL) {
            GradientOracle local = evaluator.on(rows);
            return new GradientEngine.Oracle() {
                @Override
                public double accumulate(double[] l, int p, Batch batch, double[] gradient) {
                    return local.accumulate(l, p, batch, gradient);
                }

                @Override
                public void close() {
                }
            };
        }
        String name = engine.name().toLowerCase(java.util.Locale.ROOT);
        for (GradientEngine g : ServiceLoader.load(GradientEngine.class)) {
            if (g.name().equals(name)) {
                return g.open(rows, evaluator, this);
            }
        }
        throw new IllegalArgumentException("engine=" + name + " is not on the class path: run through the metriclab launcher with "
                + "--engine " + name + " (it adds the metric-" + name + " module), or use engine=local");
    }
}
