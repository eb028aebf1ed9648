package org.metriclab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.BatchEvaluator;
import org.metriclab.core.stochastic.Distribution;
import org.metriclab.core.stochastic.GradientEngine;

/**
 * {@code engine: spark} for the stochastic solvers: data-parallel batch gradients, as Spark MLlib's
 * mini-batch SGD and L-BFGS compute theirs. The training rows are cut into {@code partitions}
 * contiguous blocks, cached on the executors. For each step the driver broadcasts L, the batch (planned
 * by the solver exactly as in a local fit) and the values of the batch's reference rows; every block
 * evaluates the batch's queries that it holds ({@link Batch#restrict}) with the same kernel as the local
 * fit, and {@code treeAggregate} sums the (loss, gradient) pairs. The driver then steps. So a Spark fit
 * equals the local fit with the same seed up to the order in which the per-query terms are summed.
 * Those rounding differences are not damped: like any perturbation of a non-convex stochastic descent
 * they grow over the steps (on 60k Fashion-MNIST rows with Adam: about 5e-9 of max|L| after 235 steps,
 * tenths after 470), so long fits agree in quality (test accuracy), not digit by digit.
 */
public final class SparkGradients implements GradientEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Oracle open(RowSource rows, BatchEvaluator evaluator, Distribution distribution) {
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession session = Sessions.open(distribution.master().isEmpty() ? Optional.empty() : Optional.of(distribution.master()),
                distribution.partitions(), "metriclab-fit");
        return new DistributedOracle(session, !existing, rows, evaluator, distribution.partitions());
    }

    /** One contiguous block of training rows, {@code start .. start + rows − 1}, row-major. */
    record Block(int start, int rows, double[] values) implements Serializable {
    }

    /** A step's partial sum: Σ f_i and Σ ∇f_i over some queries. */
    record Partial(double value, double[] gradient) implements Serializable {
        Partial plus(Partial o) {
            double[] g = gradient.clone();
            for (int k = 0; k < g.length; k++) {
                g[k] += o.gradient[k];
            }
            return new Partial(value + o.value, g);
        }
    }

    /** What every block needs for one step. */
    record Step(double[] l, int p, Batch batch, int[] referenceRows, double[] referenceValues) implements Serializable {
    }

    private static final class DistributedOracle implements Oracle {
        private final SparkSession session;
        private final boolean ownsSession;
        private final RowSource rows;
        private final JavaSparkContext sc;
        private final JavaRDD<Block> blocks;
        private final Broadcast<BatchEvaluator> evaluator;
        private final int n;
        private final int d;

        DistributedOracle(SparkSession session, boolean ownsSession, RowSource rows, BatchEvaluator evaluator, int partitions) {
            this.session = session;
            this.ownsSession = ownsSession;
            this.rows = rows;
            this.sc = Sessions.context(session);
            this.n = rows.rows();
            this.d = rows.dim();
            List<Block> list = new ArrayList<>();
            int parts = Math.min(partitions, n);
            for (int b = 0; b < parts; b++) {
                int from = (int) ((long) n * b / parts);
                int to = (int) ((long) n * (b + 1) / parts);
                int[] idx = new int[to - from];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                list.add(new Block(from, to - from, rows.gather(idx)));
            }
            // cached and cut from its lineage: later tasks then name their cached block instead of carrying
            // the block's rows (a parallelized collection ships its data inside every task otherwise)
            this.blocks = sc.parallelize(list, parts).persist(StorageLevel.MEMORY_ONLY());
            blocks.rdd().localCheckpoint();
            blocks.count();
            this.evaluator = sc.broadcast(evaluator);
        }

        @Override
        public double accumulate(double[] l, int p, Batch batch, double[] gradient) {
            int[] refs = batch.referencedRows();
            Broadcast<Step> step = sc.broadcast(new Step(l.clone(), p, batch, refs, rows.gather(refs)));
            int size = gradient.length;
            Broadcast<BatchEvaluator> eval = evaluator;
            int total = n;
            int dim = d;
            Partial sum = blocks.treeAggregate(new Partial(0, new double[size]),
                    (acc, block) -> acc.plus(evaluate(block, step.value(), eval.value(), total, dim, size)),
                    Partial::plus, 2);
            step.destroy();
            for (int k = 0; k < size; k++) {
                gradient[k] += sum.gradient()[k];
            }
            return sum.value();
        }

        private static Partial evaluate(Block block, Step s, BatchEvaluator evaluator, int n, int d, int size) {
            Batch mine = s.batch().restrict(block.start(), block.start() + block.rows());
            double[] g = new double[size];
            if (mine.queries().length == 0) {
                return new Partial(0, g);
            }
            RowSource view = new BlockView(n, d, block, s.referenceRows(), s.referenceValues());
            double f = evaluator.on(view).accumulate(s.l(), s.p(), mine, g);
            return new Partial(f, g);
        }

        @Override
        public void close() {
            blocks.unpersist(false);
            evaluator.destroy();
            if (ownsSession) {
                session.stop();
            }
        }
    }

    /** A block's rows plus the step's reference rows, indexed as in the whole data set. */
    private record BlockView(int rows, int dim, Block block, int[] referenceRows, double[] referenceValues) implements RowSource {
        @Override
        public void copyRow(int i, double[] target, int offset) {
            int local = i - block.start();
            if (local >= 0 && local < block.rows()) {
                System.arraycopy(block.values(), local * dim, target, offset, dim);
                return;
            }
            int r = java.util.Arrays.binarySearch(referenceRows, i);
            if (r < 0) {
                throw new IllegalStateException("row " + i + " is neither in block " + block.start() + ".." + (block.start() + block.rows() - 1)
                        + " nor among the step's reference rows");
            }
            System.arraycopy(referenceValues, r * dim, target, offset, dim);
        }
    }
}
