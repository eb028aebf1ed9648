package org.metriclab.benchmarks.index;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.metriclab.index.Gallery;
import org.metriclab.index.GalleryIndex;
import org.metriclab.index.HnswParams;
import org.metriclab.index.IndexManifest;
import org.metriclab.index.SyntheticGallery;

/**
 * Wall and process-CPU seconds of three ways to build the same HNSW graph (m 16, ef_construction 100) over the
 * {@code index sweep} synthetic data: MetricLab's persisted index (Lucene's IndexWriter, which builds the graph on
 * one thread as documents arrive), Lucene's in-memory {@link HnswGraphBuilder} (one thread, no files) and
 * {@link HnswConcurrentMergeBuilder} on two threads. Each in-memory graph's recall@10 at ef 64 against brute
 * force on 200 queries shows whether the faster build gives the same graph quality.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.metriclab.benchmarks.index.HnswBuildTiming 20000</pre>
 */
public final class HnswBuildTiming {
    private static final int M = 16;
    private static final int EF_CONSTRUCTION = 100;

    private HnswBuildTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        SyntheticGallery data = new SyntheticGallery(rows, 64, 1000, 1.0, 1);
        Gallery g = data.gallery();
        Gallery queries = data.queries(200);
        List<float[]> vectors = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            vectors.add(Arrays.copyOfRange(g.vectors(), i * 64, (i + 1) * 64));
        }
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(vectors, 64);
        RandomVectorScorerSupplier supplier = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(VectorSimilarityFunction.EUCLIDEAN, values);
        System.out.println("build,rows,wall_s,cpu_s,recall_at_10_ef64");

        Path dir = Files.createTempDirectory("hnsw-build-timing");
        long[] t = start();
        GalleryIndex.build(dir.resolve("idx"), g, new HnswParams(M, EF_CONSTRUCTION), IndexManifest.NO_MODEL);
        report("lucene_index_writer_1_thread", rows, stop(t), Double.NaN);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        t = start();
        OnHeapHnswGraph single = HnswGraphBuilder.create(supplier, M, EF_CONSTRUCTION, 42).build(rows);
        t = stop(t);
        report("in_memory_builder_1_thread", rows, t, recall(single, values, vectors, queries));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            t = start();
            OnHeapHnswGraph empty = HnswGraphBuilder.create(supplier, M, EF_CONSTRUCTION, 42, rows).getGraph();
            OnHeapHnswGraph concurrent = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), 2, supplier, M, EF_CONSTRUCTION, empty, null).build(rows);
            t = stop(t);
            report("concurrent_builder_2_threads", rows, t, recall(concurrent, values, vectors, queries));
        } finally {
            pool.shutdown();
        }
    }

    private static long[] start() {
        return new long[] {System.nanoTime(), cpuNanos()};
    }

    /** Elapsed wall and CPU nanoseconds since {@code t}. */
    private static long[] stop(long[] t) {
        return new long[] {System.nanoTime() - t[0], cpuNanos() - t[1]};
    }

    private static void report(String what, int rows, long[] elapsed, double recall) {
        System.out.println(String.format(Locale.ROOT, "%s,%d,%.1f,%.1f,%.4f", what, rows, elapsed[0] / 1e9, elapsed[1] / 1e9, recall));
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Recall@10 of the graph searched at ef 64 against brute force over all rows. */
    private static double recall(OnHeapHnswGraph graph, RandomAccessVectorValues.Floats values, List<float[]> vectors, Gallery queries) throws Exception {
        int hits = 0;
        for (int q = 0; q < queries.rows(); q++) {
            float[] query = Arrays.copyOfRange(queries.vectors(), q * 64, (q + 1) * 64);
            var scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(VectorSimilarityFunction.EUCLIDEAN, values, query);
            ScoreDoc[] top = HnswGraphSearcher.search(scorer, 64, graph, null, Integer.MAX_VALUE).topDocs().scoreDocs;
            Integer[] order = new Integer[vectors.size()];
            double[] d = new double[vectors.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                for (int c = 0; c < 64; c++) {
                    double diff = (double) query[c] - vectors.get(i)[c];
                    d[i] += diff * diff;
                }
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> d[i]));
            List<Integer> truth = Arrays.asList(order).subList(0, 10);
            for (int i = 0; i < Math.min(10, top.length); i++) {
                if (truth.contains(top[i].doc)) {
                    hits++;
                }
            }
        }
        return hits / (10.0 * queries.rows());
    }
}
