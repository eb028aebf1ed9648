package org.metriclab.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.Embeddings;
import org.metriclab.spark.knn.FirstRelevant;
import org.metriclab.spark.knn.RankMeasures;
import org.metriclab.spark.knn.ReferenceBlock;
import org.metriclab.spark.knn.TopK;

/**
 * Exact k-NN retrieval evaluation on Spark: the reference set is cut into {@code partitions} blocks, one Spark
 * task per block computes every (broadcast) query's top-k within its block, the partial lists are merged per
 * query by tree aggregation ({@code treeReduce}), and {@link RankMeasures} turns the merged lists into the
 * measures. Distances, tie-breaking (ascending distance, then ascending reference index; the query itself
 * excluded in self mode) and averaging are those of metric-eval's {@code RetrievalEvaluator}, so the values
 * are identical to the local evaluator's for the measures {@link RankMeasures} offers.
 */
public final class DistributedRetrieval {
    private DistributedRetrieval() {
    }

    /** Query/reference mode. */
    public static Map<String, Double> evaluate(JavaSparkContext sc, Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, int partitions) {
        requireNonNull(queries, "query embeddings");
        requireNonNull(references, "reference embeddings");
        return evaluate(sc, queries.toArray(), labels(queryLabels, "query labels"), references.toArray(),
                labels(referenceLabels, "reference labels"), queries.cols(), references.cols(), false, measures, partitions);
    }

    /** Self mode: every row is a query against all other rows. */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   int partitions) {
        requireNonNull(embeddings, "embeddings");
        double[] x = embeddings.toArray();
        int[] y = labels(labels, "labels");
        return evaluate(sc, x, y, x, y, embeddings.cols(), embeddings.cols(), true, measures, partitions);
    }

    /**
     * The general entry point on row-major float64 arrays.
     *
     * @param selfMode true when the queries are the references (query i = reference i, excluded from its ranking)
     */
    public static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                               int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                               List<String> measures, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (queryDim != referenceDim) {
            throw new IllegalArgumentException("query embeddings have " + queryDim + " columns but reference embeddings have "
                    + referenceDim + ": expected the same dimension");
        }
        int nq = queryLabels.length;
        int nr = referenceLabels.length;
        checkLabels(queries, queryDim, nq, selfMode ? "labels" : "query labels");
        checkLabels(references, referenceDim, nr, "reference labels");
        // validates shape, finiteness and range exactly as the local evaluator does
        Embeddings.of(queries, nq, queryDim, selfMode ? "embeddings" : "query embeddings");
        if (!selfMode) {
            Embeddings.of(references, nr, referenceDim, "reference embeddings");
        }
        RankMeasures plan = RankMeasures.of(measures, referenceLabels, selfMode);
        int k = plan.depth();
        List<ReferenceBlock> blocks = ReferenceBlock.split(references, nr, referenceDim, partitions);
        JavaRDD<ReferenceBlock> rdd = sc.parallelize(blocks, blocks.size());
        Broadcast<double[]> q = sc.broadcast(queries);
        TopK merged;
        try {
            merged = rdd.map(b -> b.search(q.value(), k, selfMode)).treeReduce(TopK::merge, 2);
        } finally {
            q.destroy();
        }
        int[] beyond = plan.queriesBeyondLists(merged, queryLabels);
        return plan.compute(merged, queryLabels, beyond.length == 0 ? Map.of()
                : firstRanks(sc, rdd, queries, queryDim, queryLabels, referenceLabels, beyond, selfMode));
    }

    /**
     * Exact p_1 (rank of the nearest relevant reference) of the given queries, in two passes over the blocks:
     * the nearest relevant reference (merged by ranking order), then the number of references ranked before it.
     */
    private static Map<Integer, Long> firstRanks(JavaSparkContext sc, JavaRDD<ReferenceBlock> rdd, double[] queries, int dim,
                                                 int[] queryLabels, int[] referenceLabels, int[] beyond, boolean selfMode) {
        double[] sub = new double[beyond.length * dim];
        int[] labels = new int[beyond.length];
        for (int i = 0; i < beyond.length; i++) {
            System.arraycopy(queries, beyond[i] * dim, sub, i * dim, dim);
            labels[i] = queryLabels[beyond[i]];
        }
        Broadcast<double[]> q = sc.broadcast(sub);
        Broadcast<int[]> refLabels = sc.broadcast(referenceLabels);
        try {
            FirstRelevant first = rdd.map(b -> b.firstRelevant(q.value(), beyond, labels, refLabels.value(), selfMode))
                    .treeReduce(FirstRelevant::merge, 2);
            long[] before = rdd.map(b -> b.countBefore(q.value(), beyond, first, selfMode)).treeReduce(FirstRelevant::add, 2);
            Map<Integer, Long> out = new HashMap<>();
            for (int i = 0; i < beyond.length; i++) {
                out.put(beyond[i], before[i] + 1);
            }
            return out;
        } finally {
            q.destroy();
            refLabels.destroy();
        }
    }

    private static void checkLabels(double[] x, int dim, int labels, String what) {
        if (x == null) {
            throw new IllegalArgumentException("embeddings must not be null");
        }
        if (dim >= 1 && x.length % dim == 0 && x.length / dim != labels) {
            throw new IllegalArgumentException(what + ": expected one per embedding row (" + x.length / dim + " rows), got " + labels);
        }
    }

    private static int[] labels(Labels labels, String what) {
        if (labels == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return labels.toArray();
    }

    private static void requireNonNull(Matrix m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
