package org.metriclab.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Measure;
import org.metriclab.eval.MutualInformation;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.RankedRetrievalMeasure;
import org.metriclab.eval.RetrievalMeasures;
import org.metriclab.eval.cluster.KMeansClusters;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RankEngine;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.spark.knn.PairAuc;
import org.metriclab.spark.knn.RowRange;
import org.metriclab.spark.knn.RetrievalInputs;
import org.metriclab.spark.knn.SortedRun;

/**
 * Exact retrieval evaluation on Spark, with every measure of metric-eval's {@code RetrievalEvaluator} and the same
 * values. This class partitions, ships and merges; the ranking, the kernels and the formulas are metric-eval's.
 * With {@link Partitioning#QUERIES} (the default):
 * <ul>
 *   <li>the queries are cut into {@code partitions} contiguous ranges ({@link RowRange}), one Spark task per range;
 *       the queries, the references as metric-eval kernel tiles and the labels are broadcast once
 *       ({@link RetrievalInputs});</li>
 *   <li>per-query ranking measures (every built-in k-NN measure and every {@link RankedRetrievalMeasure} registered
 *       through the SPI): each task runs metric-eval's {@link RankEngine} on its range; the driver concatenates the
 *       per-query values in query order and averages them with {@link RetrievalEvaluator#average};</li>
 *   <li>roc_auc: exact Mann–Whitney pair counts ({@link PairAuc}): chunks of sorted positive pair distances are
 *       broadcast and every task counts its queries' negative pairs below and equal to them;</li>
 *   <li>NMI/AMI: k-means on the query embeddings alone, computed on the driver exactly as the local evaluator
 *       does (metric-eval's {@link KMeansClusters} with the same k and seed, {@link MutualInformation}).</li>
 * </ul>
 * Per-task memory: the broadcast embeddings (queries and references, each once), one distance buffer per core
 * (metric-eval's tiled search) and at most {@value #POSITIVES_PER_CHUNK} positive distances (roc_auc; 12 bytes
 * each) at a time. With {@link Partitioning#REFERENCES} the references are split instead and each part's top-k
 * lists are merged ({@link ReferencePartitionedRanking}), for reference sets that do not fit one executor; it
 * computes the measures determined by the nearest references and NMI/AMI, and refuses the others in one line
 * naming the measure. A registered measure that only implements {@code compute(RetrievalTask)} needs every embedding
 * on one machine; it is rejected with an error naming it.
 */
public final class DistributedRetrieval {
    /** Most positive pair distances per roc_auc chunk, sorted on the driver and broadcast (about 400 MB). */
    static final int POSITIVES_PER_CHUNK = 1 << 25;

    private DistributedRetrieval() {
    }

    /** Query/reference mode with seed 0 (the seed only matters for NMI/AMI). */
    public static Map<String, Double> evaluate(JavaSparkContext sc, Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, int partitions) {
        return evaluate(sc, queries, queryLabels, references, referenceLabels, measures, 0L, partitions);
    }

    /** Query/reference mode; {@code seed} seeds the k-means of NMI/AMI as in {@code RetrievalEvaluator.evaluate}. */
    public static Map<String, Double> evaluate(JavaSparkContext sc, Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, long seed, int partitions) {
        return evaluate(sc, queries, queryLabels, references, referenceLabels, measures, seed, Partitioning.QUERIES, partitions);
    }

    /** Query/reference mode, split into {@code partitions} tasks as {@code partitioning} says. */
    public static Map<String, Double> evaluate(JavaSparkContext sc, Matrix queries, Labels queryLabels, Matrix references,
                                               Labels referenceLabels, List<String> measures, long seed, Partitioning partitioning,
                                               int partitions) {
        requireNonNull(queries, "query embeddings");
        requireNonNull(references, "reference embeddings");
        return evaluate(sc, queries.toArray(), labels(queryLabels, "query labels"), references.toArray(),
                labels(referenceLabels, "reference labels"), queries.cols(), references.cols(), false, measures, seed, partitioning,
                partitions, POSITIVES_PER_CHUNK);
    }

    /** Self mode with seed 0 (the seed only matters for NMI/AMI). */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   int partitions) {
        return evaluateSelf(sc, embeddings, labels, measures, 0L, partitions);
    }

    /** Self mode: every row is a query against all other rows; {@code seed} as in {@code RetrievalEvaluator.evaluateSelf}. */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   long seed, int partitions) {
        return evaluateSelf(sc, embeddings, labels, measures, seed, Partitioning.QUERIES, partitions);
    }

    /** Self mode, split into {@code partitions} tasks as {@code partitioning} says. */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   long seed, Partitioning partitioning, int partitions) {
        requireNonNull(embeddings, "embeddings");
        double[] x = embeddings.toArray();
        int[] y = labels(labels, "labels");
        return evaluate(sc, x, y, x, y, embeddings.cols(), embeddings.cols(), true, measures, seed, partitioning, partitions,
                POSITIVES_PER_CHUNK);
    }

    /** {@link #evaluate(JavaSparkContext, double[], int[], double[], int[], int, int, boolean, List, long, int)} with seed 0. */
    public static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                               int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                               List<String> measures, int partitions) {
        return evaluate(sc, queries, queryLabels, references, referenceLabels, queryDim, referenceDim, selfMode, measures, 0L, partitions);
    }

    /**
     * The general entry point on row-major float64 arrays. A null or empty measure list means
     * {@link RetrievalEvaluator#defaultMeasures()}; the result holds the canonical names in the order asked for.
     *
     * @param selfMode true when the queries are the references (query i = reference i, excluded from its ranking)
     * @param seed the k-means seed of NMI/AMI
     */
    public static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                               int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                               List<String> measures, long seed, int partitions) {
        return evaluate(sc, queries, queryLabels, references, referenceLabels, queryDim, referenceDim, selfMode, measures, seed,
                Partitioning.QUERIES, partitions, POSITIVES_PER_CHUNK);
    }

    /** As above, with the memory limit of roc_auc chunks (tests use small ones). */
    static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                        int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                        List<String> measures, long seed, int partitions, int positivesPerChunk) {
        return evaluate(sc, queries, queryLabels, references, referenceLabels, queryDim, referenceDim, selfMode, measures, seed,
                Partitioning.QUERIES, partitions, positivesPerChunk);
    }

    /**
     * As above, split into {@code partitions} tasks as {@code partitioning} says ({@link Partitioning#REFERENCES}
     * computes only the measures determined by the nearest references and refuses the others), with the memory
     * limit of roc_auc chunks (tests use small ones).
     */
    static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                        int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                        List<String> measures, long seed, Partitioning partitioning, int partitions,
                                        int positivesPerChunk) {
        if (partitioning == null) {
            throw new IllegalArgumentException("partitioning must not be null: expected one of queries, references");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (queryDim != referenceDim) {
            throw new IllegalArgumentException("query embeddings have " + queryDim + " columns but reference embeddings have "
                    + referenceDim + ": expected the same dimension");
        }
        if (queryLabels == null || referenceLabels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        int nq = queryLabels.length;
        int nr = referenceLabels.length;
        checkLabels(queries, queryDim, nq, selfMode ? "labels" : "query labels");
        checkLabels(references, referenceDim, nr, "reference labels");
        // validates shape, finiteness and range exactly as the local evaluator does
        EmbeddingRows queryEmbeddings = EmbeddingRows.of(queries, nq, queryDim, selfMode ? "embeddings" : "query embeddings");
        EmbeddingRows referenceEmbeddings = selfMode ? queryEmbeddings : EmbeddingRows.of(references, nr, referenceDim, "reference embeddings");
        RequestedMeasures requested = RequestedMeasures.of(measures);
        if (partitioning == Partitioning.REFERENCES) {
            requested.requireNearestOnly();
        }
        Map<String, Double> values = new HashMap<>();
        if (requested.builtins().stream().anyMatch(m -> m.kind() == Measure.Kind.NMI || m.kind() == Measure.Kind.AMI)) {
            // the local evaluator's clustering: k = number of distinct query labels, the same seed, on the driver
            int k = (int) Arrays.stream(queryLabels).distinct().count();
            int[] clusters = KMeansClusters.assign(queryEmbeddings, k, seed);
            for (Measure m : requested.builtins()) {
                if (m.kind() == Measure.Kind.NMI) {
                    values.put(m.name(), MutualInformation.nmi(queryLabels, clusters));
                } else if (m.kind() == Measure.Kind.AMI) {
                    values.put(m.name(), MutualInformation.ami(queryLabels, clusters));
                }
            }
        }
        boolean auc = requested.builtins().stream().anyMatch(m -> m.kind() == Measure.Kind.ROC_AUC);
        if (partitioning == Partitioning.REFERENCES && !requested.ranked().isEmpty()) {
            values.putAll(averages(requested, ReferencePartitionedRanking.perQuery(sc, queryEmbeddings, queryLabels, referenceEmbeddings,
                    referenceLabels, selfMode, RetrievalMeasures.load().ranked(requested.ranked()), partitions), queryLabels));
        } else if (!requested.ranked().isEmpty() || auc) {
            RetrievalInputs inputs = new RetrievalInputs(queryEmbeddings, queryLabels, new ReferenceTiles(referenceEmbeddings),
                    referenceLabels, selfMode);
            List<RowRange> ranges = RowRange.split(nq, partitions);
            JavaRDD<RowRange> rdd = sc.parallelize(ranges, ranges.size());
            Broadcast<RetrievalInputs> shipped = sc.broadcast(inputs);
            try {
                if (!requested.ranked().isEmpty()) {
                    values.putAll(averages(requested, rankMeasures(rdd, shipped, requested.ranked(), nq), queryLabels));
                }
                if (auc) {
                    values.put(new Measure(Measure.Kind.ROC_AUC, 0, false).name(),
                            rocAuc(sc, rdd, shipped, queryLabels, referenceLabels, selfMode, positivesPerChunk));
                }
            } finally {
                shipped.destroy();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : requested.names()) {
            out.put(name, values.get(name));
        }
        return out;
    }

    /** Every per-query measure in one ranking pass per query range; the driver joins the ranges' values in query order. */
    private static double[] rankMeasures(JavaRDD<RowRange> rdd, Broadcast<RetrievalInputs> shipped, List<String> ranked, int queries) {
        int m = ranked.size();
        List<double[]> parts = rdd.map(r -> {
            RetrievalInputs in = shipped.value();
            return RankEngine.perQuery(in.queries(), in.queryLabels(), in.references(), in.referenceLabels(), in.self(),
                    RetrievalMeasures.load().ranked(ranked), r.from(), r.to(), done -> { });
        }).collect();
        double[] perQuery = new double[queries * m];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, perQuery, at, part.length);
            at += part.length;
        }
        return perQuery;
    }

    /** Every requested per-query measure averaged over the queries (values laid out as the ranking engine's) as the local evaluator does. */
    private static Map<String, Double> averages(RequestedMeasures requested, double[] perQuery, int[] queryLabels) {
        List<String> ranked = requested.ranked();
        int m = ranked.size();
        Map<String, Double> out = new HashMap<>();
        for (Measure b : requested.builtins()) {
            if (b.kind().isKnn()) {
                out.put(b.name(), RetrievalEvaluator.average(perQuery, m, ranked.indexOf(b.base().name()), queryLabels, b.perClass()));
            }
        }
        for (String name : requested.extensions()) {
            out.put(name, RetrievalEvaluator.average(perQuery, m, ranked.indexOf(name), queryLabels, false));
        }
        return out;
    }

    private static double rocAuc(JavaSparkContext sc, JavaRDD<RowRange> rdd, Broadcast<RetrievalInputs> shipped, int[] queryLabels,
                                 int[] referenceLabels, boolean selfMode, int chunk) {
        long[] pairs = PairAuc.pairs(queryLabels, referenceLabels, selfMode);
        if (pairs[0] == 0 || pairs[1] == 0) {
            return Double.NaN;
        }
        List<int[]> keyRanges = pairs[0] <= chunk ? List.of(new int[] {0, PairAuc.KEYS})
                : PairAuc.ranges(rdd.map(r -> PairAuc.histogram(shipped.value(), r)).treeReduce(PairAuc.KeyCounts::merge, 2), chunk);
        long less = 0;
        long equal = 0;
        for (int[] keys : keyRanges) {
            int from = keys[0];
            int to = keys[1];
            SortedRun positives = PairAuc.sorted(rdd.map(r -> PairAuc.positives(shipped.value(), r, from, to)).collect());
            if (positives.size() == 0) {
                continue;
            }
            Broadcast<SortedRun> chunkOfPositives = sc.broadcast(positives);
            try {
                long[] counts = rdd.map(r -> PairAuc.count(shipped.value(), r, chunkOfPositives.value()))
                        .treeReduce(PairAuc::addCounts, 2);
                less += counts[0];
                equal += counts[1];
            } finally {
                chunkOfPositives.destroy();
            }
        }
        return PairAuc.auc(less, equal, pairs[0], pairs[1]);
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
