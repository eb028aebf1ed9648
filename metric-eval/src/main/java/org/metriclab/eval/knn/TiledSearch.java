package org.metriclab.eval.knn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Streams exact squared-Euclidean distance rows, query block by query block, to per-block visitors, in
 * parallel over blocks. Memory: the tiled references plus one {@code block × references} distance buffer per
 * worker thread (at most {@link #BLOCK_DOUBLES} doubles, 32 MiB); never a queries × references matrix.
 */
public final class TiledSearch {
    /** Upper bound on the doubles of one block's distance buffer. */
    public static final int BLOCK_DOUBLES = 1 << 22;
    private static final int MAX_BLOCK = 64;

    /** Receives one query's distance row: {@code distances[offset + j]} is the distance to reference j. */
    public interface RowVisitor {
        void visit(int query, double[] distances, int offset);
    }

    private TiledSearch() {
    }

    /** Queries per block for a reference set of {@code references} rows. */
    public static int blockSize(int references) {
        return Math.max(1, Math.min(MAX_BLOCK, BLOCK_DOUBLES / Math.max(1, references)));
    }

    /**
     * Visits every query's distance row. {@code visitors} is called once per block, so a visitor may keep
     * scratch state; rows of one block are visited in query order by one thread.
     */
    public static void forEachRow(EmbeddingRows queries, ReferenceTiles references, Supplier<? extends RowVisitor> visitors) {
        exactRows(queries, 0, queries.rows(), references, visitors, false);
    }

    /** {@link #forEachRow} for the queries {@code from .. to − 1} only (their indices stay those of {@code queries}). */
    public static void forEachRow(EmbeddingRows queries, int from, int to, ReferenceTiles references,
                                  Supplier<? extends RowVisitor> visitors) {
        exactRows(queries, from, to, references, visitors, false);
    }

    /**
     * Like {@link #forEachRow} for a query set that is the reference set (self mode), but only the distances to
     * the references after the query (j &gt; query) are filled: the tiles wholly at or before a query are skipped,
     * about half the work. Entries j ≤ query of a visited row are undefined.
     */
    public static void forEachRowAfterSelf(EmbeddingRows queries, ReferenceTiles references,
                                           Supplier<? extends RowVisitor> visitors) {
        exactRows(queries, 0, queries.rows(), references, visitors, true);
    }

    private static void exactRows(EmbeddingRows queries, int from, int to, ReferenceTiles references,
                                  Supplier<? extends RowVisitor> visitors, boolean afterSelf) {
        double[] q = queries.data();
        int d = queries.dim();
        int nr = references.rows();
        scan(queries, from, to, references, visitors, (q0, q1, buf) -> {
            double[] acc0 = new double[ReferenceTiles.WIDTH];
            double[] acc1 = new double[ReferenceTiles.WIDTH];
            for (int tile = 0; tile < references.tiles(); tile++) {
                int col = references.start(tile);
                int width = references.width(tile);
                // two queries per sweep; a pair whose first query needs no entries of this tile (after-self rows
                // skip the tiles wholly at or before the query) skips it only if the second does too
                for (int i = q0; i < q1; i += 2) {
                    int i1 = i + 1;
                    boolean need0 = !afterSelf || col + width > i + 1;
                    boolean need1 = i1 < q1 && (!afterSelf || col + width > i1 + 1);
                    if (need0 && need1) {
                        references.distances2(q, i * d, i1 * d, tile, acc0, acc1);
                        System.arraycopy(acc0, 0, buf, (i - q0) * nr + col, width);
                        System.arraycopy(acc1, 0, buf, (i1 - q0) * nr + col, width);
                    } else if (need0 || need1) {
                        int only = need0 ? i : i1;
                        references.distances(q, only * d, tile, acc0);
                        System.arraycopy(acc0, 0, buf, (only - q0) * nr + col, width);
                    }
                }
            }
        });
    }

    /**
     * Like {@link #forEachRow}, but the rows hold the Gram-kernel approximations fl(‖q‖² + ‖r‖² − 2q·r) (2 × 4
     * register-blocked, about 2 flops per pair-dimension instead of 3), each within
     * {@link ReferenceTiles#bound} of the exact distance: visitors must resolve every comparison that falls inside
     * the bounds with {@link ReferenceTiles#exact} (as {@link RankScanner} does).
     */
    public static void forEachGramRow(EmbeddingRows queries, ReferenceTiles references, Supplier<? extends RowVisitor> visitors) {
        forEachGramRow(queries, 0, queries.rows(), references, visitors);
    }

    /** {@link #forEachGramRow} for the queries {@code from .. to − 1} only (their indices stay those of {@code queries}). */
    public static void forEachGramRow(EmbeddingRows queries, int from, int to, ReferenceTiles references,
                                      Supplier<? extends RowVisitor> visitors) {
        double[] q = queries.data();
        int d = queries.dim();
        int nr = references.rows();
        scan(queries, from, to, references, visitors, (q0, q1, buf) -> {
            double[] c0 = new double[ReferenceTiles.WIDTH];
            double[] c1 = new double[ReferenceTiles.WIDTH];
            double[] queryNorms = new double[q1 - q0];
            for (int i = q0; i < q1; i++) {
                queryNorms[i - q0] = ReferenceTiles.squaredNorm(q, i * d, d);
            }
            for (int tile = 0; tile < references.tiles(); tile++) {
                int col = references.start(tile);
                for (int i = q0; i < q1; i += 2) {
                    int i1 = Math.min(i + 1, q1 - 1);
                    references.dots2(q, i * d, i1 * d, tile, c0, c1);
                    references.toDistances(queryNorms[i - q0], tile, c0, buf, (i - q0) * nr + col);
                    if (i1 > i) {
                        references.toDistances(queryNorms[i1 - q0], tile, c1, buf, (i1 - q0) * nr + col);
                    }
                }
            }
        });
    }

    /** Fills rows {@code q0..q1-1} of a block's distance buffer ({@code (i − q0)·nr + j}). */
    private interface BlockFiller {
        void fill(int q0, int q1, double[] buffer);
    }

    /** The shared driver: shape check, query blocks in parallel, one reused buffer per thread, rows visited in order. */
    private static void scan(EmbeddingRows queries, int from, int to, ReferenceTiles references, Supplier<? extends RowVisitor> visitors,
                             BlockFiller filler) {
        if (queries.dim() != references.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim() + " columns but references have "
                    + references.dim() + ": expected the same embedding dimension");
        }
        if (from < 0 || to > queries.rows() || from > to) {
            throw new IllegalArgumentException("query range " + from + ".." + to + " is outside 0.." + queries.rows());
        }
        int nr = references.rows();
        int block = blockSize(nr);
        int blocks = (to - from + block - 1) / block;
        // one buffer per thread, held by this scan only (a ThreadLocal would keep it in the pool's threads)
        Map<Thread, double[]> buffers = new ConcurrentHashMap<>();
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int q0 = from + b * block;
            int q1 = Math.min(to, q0 + block);
            double[] buf = buffers.computeIfAbsent(Thread.currentThread(), t -> new double[block * nr]);
            filler.fill(q0, q1, buf);
            RowVisitor visitor = visitors.get();
            for (int i = q0; i < q1; i++) {
                visitor.visit(i, buf, (i - q0) * nr);
            }
        });
    }
}
