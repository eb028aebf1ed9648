package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.Measure;

/**
 * The Gram kernel (‖q‖² + ‖r‖² − 2q·r) plus the exactness guard of {@link RankScanner} must give per-query values
 * bit-identical to the exact Σ(q − r)² kernel, on data built to break a naive Gram ranking: points far from the
 * origin with tiny differences (catastrophic cancellation), exact ties, duplicates and near ties one ulp apart.
 */
class GramExactnessTest {
    private static final List<Measure> MEASURES = Stream.of("precision_at_1", "precision_at_3", "recall_at_2",
            "r_precision", "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank",
            "knn_accuracy_1", "knn_accuracy_4", "knn_accuracy_9").map(Measure::parse).toList();

    /** n × d points: offset + small integer steps · scale (+ optional one-ulp jitter), i.e. massive ties. */
    private static double[] points(SplittableRandom rnd, int n, int d, double offset, double scale, boolean jitter) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double v = offset + scale * rnd.nextInt(-2, 3);
            x[i] = jitter && rnd.nextInt(4) == 0 ? Math.nextUp(v) : v;
        }
        return x;
    }

    private static double[] scan(EmbeddingRows q, int[] ql, EmbeddingRows r, int[] rl, boolean self, boolean gram) {
        int classes = 1 + java.util.Arrays.stream(rl).max().orElse(0);
        int[] sizes = new int[classes];
        for (int l : rl) {
            sizes[l]++;
        }
        int[] qc = java.util.Arrays.stream(ql).map(l -> l < classes ? l : -1).toArray();
        RankScanner.Plan plan = RankScanner.Plan.of(rl, sizes, qc, self, MEASURES);
        double[] out = new double[ql.length * MEASURES.size()];
        ReferenceTiles tiles = new ReferenceTiles(r);
        if (gram) {
            TiledSearch.forEachGramRow(q, tiles, () -> new RankScanner(plan, out, q, tiles, true));
        } else {
            TiledSearch.forEachRow(q, tiles, () -> new RankScanner(plan, out, q, tiles, false));
        }
        return out;
    }

    private static int[] labels(SplittableRandom rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    @Test
    void gramRanksEqualExactRanksUnderCancellationAndTies() {
        SplittableRandom rnd = new SplittableRandom(2026);
        double[][] cases = {{0, 1, 0}, {1e6, 1e-3, 1}, {1e8, 1, 0}, {-3e7, 1e-6, 1}, {1e12, 1e-2, 1}, {5, 1e-9, 1}};
        for (int dim : new int[] {3, 64, 67}) {
            for (double[] c : cases) {
                int n = ReferenceTiles.WIDTH + 37;
                EmbeddingRows x = EmbeddingRows.of(points(rnd, n, dim, c[0], c[1], c[2] > 0), n, dim, "x");
                int[] y = labels(rnd, n, 5);
                String what = "dim=" + dim + " offset=" + c[0] + " scale=" + c[1];
                assertArrayEquals(scan(x, y, x, y, true, false), scan(x, y, x, y, true, true), "self " + what);
                EmbeddingRows q = EmbeddingRows.of(points(rnd, 41, dim, c[0], c[1], c[2] > 0), 41, dim, "q");
                int[] ql = labels(rnd, 41, 6);
                assertArrayEquals(scan(q, ql, x, y, false, false), scan(q, ql, x, y, false, true), "query " + what);
            }
        }
    }

    @Test
    void errorBoundHoldsAndTheGuardIsNeeded() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 300;
        int dim = 64;
        // far from the origin, differences of 1e-4: the Gram values lose ~all significant digits
        EmbeddingRows x = EmbeddingRows.of(points(rnd, n, dim, 1e5, 1e-4, true), n, dim, "x");
        ReferenceTiles tiles = new ReferenceTiles(x);
        double[] data = x.data();
        long[] misordered = new long[1];
        double[] worst = new double[1];
        TiledSearch.forEachGramRow(x, tiles, () -> (query, approx, off) -> {
            double qn = ReferenceTiles.squaredNorm(data, query * dim, dim);
            double[] exact = new double[n];
            for (int j = 0; j < n; j++) {
                exact[j] = tiles.exact(data, query * dim, j);
                double err = Math.abs(approx[off + j] - exact[j]);
                synchronized (worst) {
                    worst[0] = Math.max(worst[0], err / tiles.bound(qn, j));
                }
            }
            for (int j = 1; j < n; j++) {
                if (Double.compare(approx[off + j - 1], approx[off + j]) != Double.compare(exact[j - 1], exact[j])) {
                    synchronized (misordered) {
                        misordered[0]++;
                    }
                }
            }
        });
        assertTrue(worst[0] <= 1.0, "Gram error exceeded its bound: ratio " + worst[0]);
        assertTrue(misordered[0] > 0, "the data must defeat a naive Gram ranking for this test to mean anything");
    }

    @Test
    void exactKernelMatchesScalarSum() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = ReferenceTiles.WIDTH + 5;
        int dim = 7;
        double[] raw = new double[n * dim];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rnd.nextGaussian() * 1e3;
        }
        EmbeddingRows x = EmbeddingRows.of(raw, n, dim, "x");
        ReferenceTiles tiles = new ReferenceTiles(x);
        double[] row = new double[ReferenceTiles.WIDTH];
        tiles.distances(raw, 2 * dim, 1, row);
        for (int j = 0; j < tiles.width(1); j++) {
            assertEquals(tiles.exact(raw, 2 * dim, tiles.start(1) + j), row[j], 0.0);
        }
    }

    @Test
    void exactRowsHoldTheScalarSumsForOddBlocksAndAfterSelf() {
        // 67 queries: a block of 64 and one of 3, so the two-query sweep ends on a lone query; 3 reference tiles
        SplittableRandom rnd = new SplittableRandom(8);
        int dim = 6;
        int nq = 67;
        int nr = 2 * ReferenceTiles.WIDTH + 11;
        double[] qRaw = new double[nq * dim];
        double[] rRaw = new double[nr * dim];
        for (int i = 0; i < qRaw.length; i++) {
            qRaw[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < rRaw.length; i++) {
            rRaw[i] = rnd.nextGaussian();
        }
        EmbeddingRows q = EmbeddingRows.of(qRaw, nq, dim, "q");
        ReferenceTiles refs = new ReferenceTiles(EmbeddingRows.of(rRaw, nr, dim, "r"));
        int[] visited = new int[1];
        TiledSearch.forEachRow(q, refs, () -> (query, dist, off) -> {
            for (int j = 0; j < nr; j++) {
                assertEquals(refs.exact(qRaw, query * dim, j), dist[off + j], 0.0, "query " + query + ", reference " + j);
            }
            synchronized (visited) {
                visited[0]++;
            }
        });
        assertEquals(nq, visited[0]);
        // self mode over the references: every entry after the query is defined
        EmbeddingRows self = EmbeddingRows.of(rRaw, nr, dim, "r");
        TiledSearch.forEachRowAfterSelf(self, refs, () -> (query, dist, off) -> {
            for (int j = query + 1; j < nr; j++) {
                assertEquals(refs.exact(rRaw, query * dim, j), dist[off + j], 0.0, "self query " + query + ", reference " + j);
            }
        });
    }

    @Test
    void twoQueryExactKernelIsBitIdenticalToTheOneQueryKernel() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int dim : new int[] {1, 3, 4, 7, 8, 13}) {
            int n = ReferenceTiles.WIDTH + 9;
            double[] raw = new double[n * dim];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = 1e3 + rnd.nextGaussian() * 1e-3 * (rnd.nextBoolean() ? 1 : 1e6);
            }
            ReferenceTiles tiles = new ReferenceTiles(EmbeddingRows.of(raw, n, dim, "x"));
            double[] one = new double[ReferenceTiles.WIDTH];
            double[] a0 = new double[ReferenceTiles.WIDTH];
            double[] a1 = new double[ReferenceTiles.WIDTH];
            for (int tile = 0; tile < tiles.tiles(); tile++) {
                int q0 = rnd.nextInt(n);
                int q1 = rnd.nextInt(n);
                tiles.distances2(raw, q0 * dim, q1 * dim, tile, a0, a1);
                tiles.distances(raw, q0 * dim, tile, one);
                assertArrayEquals(java.util.Arrays.copyOf(one, tiles.width(tile)), java.util.Arrays.copyOf(a0, tiles.width(tile)),
                        "dim " + dim + ", first query");
                tiles.distances(raw, q1 * dim, tile, one);
                assertArrayEquals(java.util.Arrays.copyOf(one, tiles.width(tile)), java.util.Arrays.copyOf(a1, tiles.width(tile)),
                        "dim " + dim + ", second query");
            }
        }
    }
}
