package org.metriclab.benchmarks.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.TiledSearch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Queries per second of the exact k-NN evaluation against n references (d = 64), for a fixed sample of
 * {@value #QUERIES} queries (throughput scales linearly in the number of queries):
 * <ul>
 *   <li>{@code distanceTiles}: the exact Σ(q−r)² tile kernel alone (2·d GEMM-equivalent flops per pair);</li>
 *   <li>{@code gramTiles}: the Gram tile kernel ‖q‖² + ‖r‖² − 2q·r alone (2 × 4 register blocks), the default;</li>
 *   <li>{@code evaluateKnnMeasures}: Gram tiles + per-query exact ranks (exactness guard) for P@1, R-precision,
 *       MAP@R, MAP, MRR and 5-NN accuracy (full ranking, k = all); {@code evaluateKnnMeasuresExactKernel}: the
 *       same on the exact Σ(q−r)² tiles ({@code -Dmetriclab.eval.exactKernel=true});</li>
 *   <li>{@code nd4jGemmFloat64}/{@code nd4jGemmFloat32}: the yardstick, OpenBLAS GEMM Q·Rᵀ of the same shape
 *       (dot products only, no distances or ranking).</li>
 * </ul>
 * GFLOP/s = 2·d·n·(queries/s)/1e9. Run: {@code java -jar benchmarks/target/benchmarks.jar KnnEvaluationBenchmark
 * -f 1 -wi 1 -i 3 -w 5s -r 5s -jvmArgs -Xmx3g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KnnEvaluationBenchmark {
    static final int QUERIES = 512;
    static final int DIM = 64;
    private static final List<String> MEASURES = List.of("precision_at_1", "r_precision", "mean_average_precision_at_r",
            "mean_average_precision", "mean_reciprocal_rank", "knn_accuracy_5");

    @Param({"10000", "50000"})
    public int n;

    private EmbeddingRows queries;
    private int[] queryLabels;
    private EmbeddingRows references;
    private int[] referenceLabels;
    private ReferenceTiles tiles;
    private INDArray q64;
    private INDArray r64;
    private INDArray c64;
    private INDArray q32;
    private INDArray r32;
    private INDArray c32;

    @Setup
    public void setup() {
        SyntheticEmbeddings data = new SyntheticEmbeddings(n, DIM, 10, 1.2, 7);
        references = EmbeddingRows.of(data.x, n, DIM, "references");
        referenceLabels = data.labels;
        SyntheticEmbeddings sample = new SyntheticEmbeddings(QUERIES, DIM, 10, 1.2, 8);
        queries = EmbeddingRows.of(sample.x, QUERIES, DIM, "queries");
        queryLabels = sample.labels;
        tiles = new ReferenceTiles(references);
        double[] qd = new double[QUERIES * DIM];
        double[] rd = new double[n * DIM];
        Arrays.setAll(qd, i -> sample.x[i]);
        Arrays.setAll(rd, i -> data.x[i]);
        q64 = Nd4j.create(qd, new long[] {QUERIES, DIM}, DataType.DOUBLE);
        r64 = Nd4j.create(rd, new long[] {n, DIM}, DataType.DOUBLE);
        c64 = Nd4j.create(DataType.DOUBLE, QUERIES, n);
        q32 = Nd4j.create(sample.x, new long[] {QUERIES, DIM}, 'c');
        r32 = Nd4j.create(data.x, new long[] {n, DIM}, 'c');
        c32 = Nd4j.create(DataType.FLOAT, QUERIES, n);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public double distanceTiles() {
        double[] sink = new double[1];
        TiledSearch.forEachRow(queries, tiles, () -> (query, dist, off) -> sink[0] += dist[off + query]);
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public double gramTiles() {
        double[] sink = new double[1];
        TiledSearch.forEachGramRow(queries, tiles, () -> (query, dist, off) -> sink[0] += dist[off + query]);
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public Map<String, Double> evaluateKnnMeasuresExactKernel() {
        System.setProperty("metriclab.eval.exactKernel", "true");
        try {
            return RetrievalEvaluator.evaluate(queries, queryLabels, references, referenceLabels, MEASURES, 0);
        } finally {
            System.clearProperty("metriclab.eval.exactKernel");
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public Map<String, Double> evaluateKnnMeasures() {
        return RetrievalEvaluator.evaluate(queries, queryLabels, references, referenceLabels, MEASURES, 0);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public INDArray nd4jGemmFloat64() {
        return Nd4j.gemm(q64, r64, c64, false, true, 1.0, 0.0);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public INDArray nd4jGemmFloat32() {
        return Nd4j.gemm(q32, r32, c32, false, true, 1.0, 0.0);
    }
}
