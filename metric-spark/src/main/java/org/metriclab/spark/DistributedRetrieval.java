package org.metriclab.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Measure;
import org.metriclab.eval.MutualInformation;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.RetrievalMeasure;
import org.metriclab.eval.RetrievalMeasures;
import org.metriclab.eval.cluster.KMeansClusters;
import org.metriclab.eval.knn.Embeddings;
import org.metriclab.spark.knn.SortedRun;
import org.metriclab.spark.knn.FirstRelevant;
import org.metriclab.spark.knn.FullRanks;
import org.metriclab.spark.knn.PairAuc;
import org.metriclab.spark.knn.RankMeasures;
import org.metriclab.spark.knn.ReferenceBlock;
import org.metriclab.spark.knn.RelevantLists;
import org.metriclab.spark.knn.TopK;

/**
 * Exact retrieval evaluation on Spark, with every built-in measure of metric-eval's {@code RetrievalEvaluator}
 * and the same values. The reference set is cut into {@code partitions} blocks, one Spark task per block, the
 * queries are broadcast, and per-block partial results are combined by tree aggregation ({@code treeReduce}):
 * <ul>
 *   <li>k-NN measures that read a prefix of each ranking (precision_at_k, recall_at_k, r_precision, MAP@R,
 *       knn_accuracy_k, mean_reciprocal_rank): per-block top-k lists merged per query ({@link TopK}), then
 *       {@link RankMeasures}; p_1 beyond the lists from two exact counting passes.</li>
 *   <li>mean_average_precision (the whole ranking): per batch of queries, their relevant references with distances
 *       are gathered ({@link RelevantLists}), broadcast, and every block counts its other references ranked before
 *       each of them ({@link FullRanks}): the exact rank of every relevant reference.</li>
 *   <li>roc_auc: exact Mann–Whitney pair counts ({@link PairAuc}): chunks of sorted positive pair distances are
 *       broadcast and every block counts its negative pairs below and equal to them.</li>
 *   <li>NMI/AMI: k-means on the query embeddings alone, computed on the driver exactly as the local evaluator
 *       does (metric-eval's {@link KMeansClusters} with the same k and seed, {@link MutualInformation}).</li>
 * </ul>
 * Distances are float64 squared Euclidean summed in dimension order (bit-identical to metric-eval's exact kernel),
 * ranking ties break by ascending reference index, the query itself is excluded in self mode, and the averages are
 * {@link RetrievalEvaluator#average}, so every value equals the local evaluator's. Per-task memory is bounded:
 * the broadcast queries, one block, and at most {@value #RELEVANT_PER_BATCH} relevant references
 * (mean_average_precision; about 16 bytes each) or {@value #POSITIVES_PER_CHUNK} positive distances (roc_auc; 12
 * bytes each) at a time. Measures registered through metric-eval's {@code RetrievalMeasure} SPI compute from a
 * {@code RetrievalTask} that holds every embedding on one machine; they are rejected with an error naming them.
 */
public final class DistributedRetrieval {
    /** Most relevant references (query × relevant reference pairs) per mean_average_precision batch. */
    static final long RELEVANT_PER_BATCH = 1L << 22;
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
        requireNonNull(queries, "query embeddings");
        requireNonNull(references, "reference embeddings");
        return evaluate(sc, queries.toArray(), labels(queryLabels, "query labels"), references.toArray(),
                labels(referenceLabels, "reference labels"), queries.cols(), references.cols(), false, measures, seed, partitions);
    }

    /** Self mode with seed 0 (the seed only matters for NMI/AMI). */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   int partitions) {
        return evaluateSelf(sc, embeddings, labels, measures, 0L, partitions);
    }

    /** Self mode: every row is a query against all other rows; {@code seed} as in {@code RetrievalEvaluator.evaluateSelf}. */
    public static Map<String, Double> evaluateSelf(JavaSparkContext sc, Matrix embeddings, Labels labels, List<String> measures,
                                                   long seed, int partitions) {
        requireNonNull(embeddings, "embeddings");
        double[] x = embeddings.toArray();
        int[] y = labels(labels, "labels");
        return evaluate(sc, x, y, x, y, embeddings.cols(), embeddings.cols(), true, measures, seed, partitions);
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
        return evaluate(sc, queries, queryLabels, references, referenceLabels, queryDim, referenceDim, selfMode, measures, seed, partitions,
                RELEVANT_PER_BATCH, POSITIVES_PER_CHUNK);
    }

    /** As above, with the memory limits of mean_average_precision batches and roc_auc chunks (tests use small ones). */
    static Map<String, Double> evaluate(JavaSparkContext sc, double[] queries, int[] queryLabels, double[] references,
                                        int[] referenceLabels, int queryDim, int referenceDim, boolean selfMode,
                                        List<String> measures, long seed, int partitions, long relevantPerBatch, int positivesPerChunk) {
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
        Embeddings queryEmbeddings = Embeddings.of(queries, nq, queryDim, selfMode ? "embeddings" : "query embeddings");
        if (!selfMode) {
            Embeddings.of(references, nr, referenceDim, "reference embeddings");
        }
        List<Measure> parsed = parse(measures);
        List<String> knn = parsed.stream().filter(m -> m.kind().isKnn()).map(Measure::name).distinct().toList();
        RankMeasures plan = knn.isEmpty() ? null : RankMeasures.of(knn, referenceLabels, selfMode);
        Map<String, Double> values = new HashMap<>();
        if (parsed.stream().anyMatch(m -> m.kind() == Measure.Kind.NMI || m.kind() == Measure.Kind.AMI)) {
            // the local evaluator's clustering: k = number of distinct query labels, the same seed, on the driver
            int k = (int) Arrays.stream(queryLabels).distinct().count();
            int[] clusters = KMeansClusters.assign(queryEmbeddings, k, seed);
            for (Measure m : parsed) {
                if (m.kind() == Measure.Kind.NMI) {
                    values.put(m.name(), MutualInformation.nmi(queryLabels, clusters));
                } else if (m.kind() == Measure.Kind.AMI) {
                    values.put(m.name(), MutualInformation.ami(queryLabels, clusters));
                }
            }
        }
        boolean auc = parsed.stream().anyMatch(m -> m.kind() == Measure.Kind.ROC_AUC);
        if (plan != null || auc) {
            List<ReferenceBlock> blocks = ReferenceBlock.split(references, nr, referenceDim, partitions);
            JavaRDD<ReferenceBlock> rdd = sc.parallelize(blocks, blocks.size());
            Broadcast<double[]> q = sc.broadcast(queries);
            Broadcast<int[]> ql = sc.broadcast(queryLabels);
            Broadcast<int[]> rl = sc.broadcast(referenceLabels);
            try {
                if (plan != null) {
                    values.putAll(rankMeasures(sc, rdd, plan, q, ql, rl, queries, queryDim, queryLabels, referenceLabels, selfMode,
                            relevantPerBatch));
                }
                if (auc) {
                    values.put(new Measure(Measure.Kind.ROC_AUC, 0, false).name(),
                            rocAuc(sc, rdd, q, ql, rl, queryLabels, referenceLabels, selfMode, positivesPerChunk));
                }
            } finally {
                q.destroy();
                ql.destroy();
                rl.destroy();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Measure m : parsed) {
            out.put(m.name(), values.get(m.name()));
        }
        return out;
    }

    /** The requested measures (the local evaluator's defaults for none); SPI-registered names are rejected. */
    private static List<Measure> parse(List<String> measures) {
        List<String> requested = measures == null || measures.isEmpty() ? RetrievalEvaluator.defaultMeasures() : measures;
        List<Measure> parsed = new ArrayList<>();
        RetrievalMeasures registered = null;
        for (String name : requested) {
            Measure m;
            try {
                m = Measure.parse(name);
            } catch (IllegalArgumentException unknown) {
                registered = registered == null ? RetrievalMeasures.load() : registered;
                Optional<RetrievalMeasure> extra = registered.find(name);
                if (extra.isPresent()) {
                    throw new IllegalArgumentException("measure '" + name + "' is registered through the RetrievalMeasure SPI (by "
                            + extra.get().getClass().getName() + "): it computes from a RetrievalTask, which holds every embedding"
                            + " on one machine and ranks by full scans there, so the distributed evaluator cannot run it;"
                            + " evaluate it with RetrievalEvaluator");
                }
                throw unknown;
            }
            parsed.add(m);
        }
        return parsed;
    }

    private static Map<String, Double> rankMeasures(JavaSparkContext sc, JavaRDD<ReferenceBlock> rdd, RankMeasures plan,
                                                    Broadcast<double[]> q, Broadcast<int[]> ql, Broadcast<int[]> rl, double[] queries,
                                                    int dim, int[] queryLabels, int[] referenceLabels, boolean selfMode,
                                                    long relevantPerBatch) {
        int nq = queryLabels.length;
        int k = plan.depth();
        TopK merged = k == 0 ? TopK.empty(nq, 0) : rdd.map(b -> b.search(q.value(), k, selfMode)).treeReduce(TopK::merge, 2);
        int[] beyond = plan.queriesBeyondLists(merged, queryLabels);
        if (!plan.needsFullRanking()) {
            return plan.compute(merged, queryLabels, beyond.length == 0 ? Map.of()
                    : firstRanks(sc, rdd, queries, dim, queryLabels, referenceLabels, beyond, selfMode), null);
        }
        double[] averagePrecision = new double[nq];
        long[] firstRank = new long[nq];
        for (int[] ids : FullRanks.batches(queryLabels, referenceLabels, selfMode, relevantPerBatch)) {
            RelevantLists lists = rdd.map(b -> RelevantLists.gather(b, q.value(), ids, ql.value(), rl.value(), selfMode))
                    .treeReduce(RelevantLists::merge, 2);
            Broadcast<RelevantLists> relevant = sc.broadcast(lists);
            try {
                int[] before = rdd.map(b -> FullRanks.count(b, q.value(), ids, ql.value(), rl.value(), relevant.value()))
                        .treeReduce(FullRanks::add, 2);
                FullRanks.ranks(ids, lists, before, averagePrecision, firstRank);
            } finally {
                relevant.destroy();
            }
        }
        Map<Integer, Long> first = new HashMap<>();
        for (int query : beyond) {
            first.put(query, firstRank[query]);
        }
        return plan.compute(merged, queryLabels, first, averagePrecision);
    }

    private static double rocAuc(JavaSparkContext sc, JavaRDD<ReferenceBlock> rdd, Broadcast<double[]> q, Broadcast<int[]> ql,
                                 Broadcast<int[]> rl, int[] queryLabels, int[] referenceLabels, boolean selfMode, int chunk) {
        long[] pairs = PairAuc.pairs(queryLabels, referenceLabels, selfMode);
        if (pairs[0] == 0 || pairs[1] == 0) {
            return Double.NaN;
        }
        List<int[]> ranges = pairs[0] <= chunk ? List.of(new int[] {0, PairAuc.KEYS})
                : PairAuc.ranges(rdd.map(b -> PairAuc.histogram(b, q.value(), ql.value(), rl.value(), selfMode))
                        .treeReduce(PairAuc.KeyCounts::merge, 2), chunk);
        long less = 0;
        long equal = 0;
        for (int[] range : ranges) {
            int from = range[0];
            int to = range[1];
            SortedRun positives = PairAuc.sorted(rdd.map(b -> PairAuc.positives(b, q.value(), ql.value(), rl.value(), selfMode, from, to))
                    .collect());
            if (positives.size() == 0) {
                continue;
            }
            Broadcast<SortedRun> chunkOfPositives = sc.broadcast(positives);
            try {
                long[] counts = rdd.map(b -> PairAuc.count(b, q.value(), ql.value(), rl.value(), chunkOfPositives.value()))
                        .treeReduce(PairAuc::addCounts, 2);
                less += counts[0];
                equal += counts[1];
            } finally {
                chunkOfPositives.destroy();
            }
        }
        return PairAuc.auc(less, equal, pairs[0], pairs[1]);
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
