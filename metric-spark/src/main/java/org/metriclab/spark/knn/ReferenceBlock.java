package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A contiguous block of the reference set (rows {@code offset .. offset + rows}), laid out for the exact
 * squared-Euclidean kernel: tiles of {@value #WIDTH} references, one array per dimension within a tile.
 * The kernel sums {@code (q_t − r_t)²} over t in index order in float64 — the same arithmetic, in the same
 * order, as metric-eval's local evaluator, so distances and therefore ties are bit-identical.
 */
public final class ReferenceBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int WIDTH = 256;
    private final int offset;
    private final int rows;
    private final int dim;
    private final double[][] columns;
    /** Row-major copy for single distances ({@link #exact}); not shipped, rebuilt where needed. */
    private transient double[] rowMajor;

    private ReferenceBlock(double[] rowMajor, int offset, int rows, int dim) {
        this.offset = offset;
        this.rows = rows;
        this.dim = dim;
        int tiles = (rows + WIDTH - 1) / WIDTH;
        this.columns = new double[tiles * dim][];
        for (int tile = 0; tile < tiles; tile++) {
            int start = tile * WIDTH;
            int width = Math.min(WIDTH, rows - start);
            for (int t = 0; t < dim; t++) {
                double[] col = new double[width];
                for (int j = 0; j < width; j++) {
                    col[j] = rowMajor[(offset + start + j) * dim + t];
                }
                columns[tile * dim + t] = col;
            }
        }
    }

    /** Cuts {@code references} ({@code rows × dim}, row-major) into {@code blocks} contiguous blocks of near-equal size. */
    public static List<ReferenceBlock> split(double[] references, int rows, int dim, int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + blocks);
        }
        if ((long) rows * dim != references.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + dim + " reference values, got " + references.length);
        }
        int n = Math.min(blocks, Math.max(1, rows));
        List<ReferenceBlock> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int from = (int) ((long) rows * b / n);
            int to = (int) ((long) rows * (b + 1) / n);
            out.add(new ReferenceBlock(references, from, to - from, dim));
        }
        return out;
    }

    public int offset() {
        return offset;
    }

    public int rows() {
        return rows;
    }

    /** The embedding dimension. */
    public int dim() {
        return dim;
    }

    /**
     * The {@code k} nearest references of this block for every query ({@code queries} row-major,
     * {@code dim} columns). In self mode query i is reference i and is skipped.
     */
    public TopK search(double[] queries, int k, boolean selfMode) {
        if (queries.length % dim != 0) {
            throw new IllegalArgumentException("queries have " + queries.length + " values, not a multiple of the dimension " + dim);
        }
        int nq = queries.length / dim;
        TopK out = TopK.empty(nq, k);
        double[] heapD = new double[k];
        int[] heapI = new int[k];
        double[] acc = new double[WIDTH];
        int tiles = (rows + WIDTH - 1) / WIDTH;
        for (int q = 0; q < nq; q++) {
            int size = 0;
            int self = selfMode ? q : -1;
            for (int tile = 0; tile < tiles; tile++) {
                int start = tile * WIDTH;
                int width = Math.min(WIDTH, rows - start);
                distances(queries, q * dim, tile, width, acc);
                for (int j = 0; j < width; j++) {
                    int g = offset + start + j;
                    if (g == self || k == 0) {
                        continue;
                    }
                    double d = acc[j];
                    if (size < k) {
                        push(heapD, heapI, size++, d, g);
                    } else if (TopK.before(d, g, heapD[0], heapI[0])) {
                        replaceTop(heapD, heapI, size, d, g);
                    }
                }
            }
            for (int s = size - 1; s > 0; s--) {
                double d = heapD[0];
                int i = heapI[0];
                replaceTop(heapD, heapI, s, heapD[s], heapI[s]);
                heapD[s] = d;
                heapI[s] = i;
            }
            out.set(q, heapD, heapI, size);
        }
        return out;
    }

    /**
     * For every query (row-major {@code queries}; {@code ids[i]} its reference index in self mode, skipped), the
     * nearest reference of this block whose label ({@code referenceLabels}, global) is {@code labels[i]}.
     */
    public FirstRelevant firstRelevant(double[] queries, int[] ids, int[] labels, int[] referenceLabels, boolean selfMode) {
        FirstRelevant out = new FirstRelevant(ids.length);
        double[] acc = new double[WIDTH];
        for (int i = 0; i < ids.length; i++) {
            int q = i;
            forEachReference(queries, q, selfMode ? ids[q] : -1, acc, (g, d) -> {
                if (referenceLabels[g] == labels[q] && (out.indices[q] < 0 || TopK.before(d, g, out.distances[q], out.indices[q]))) {
                    out.distances[q] = d;
                    out.indices[q] = g;
                }
            });
        }
        return out;
    }

    /** For every query, how many references of this block (self excluded) rank before {@code first}'s reference. */
    public long[] countBefore(double[] queries, int[] ids, FirstRelevant first, boolean selfMode) {
        long[] out = new long[ids.length];
        double[] acc = new double[WIDTH];
        for (int i = 0; i < ids.length; i++) {
            int q = i;
            forEachReference(queries, q, selfMode ? ids[q] : -1, acc, (g, d) -> {
                if (TopK.before(d, g, first.distances[q], first.indices[q])) {
                    out[q]++;
                }
            });
        }
        return out;
    }

    /** Receives one reference of the block: its global index and its distance to the current query. */
    private interface ReferenceVisitor {
        void visit(int global, double distance);
    }

    /** Visits every reference of this block (tile by tile, {@code acc} as the tile buffer) except {@code self}. */
    private void forEachReference(double[] queries, int query, int self, double[] acc, ReferenceVisitor visitor) {
        for (int tile = 0; tile < tiles(); tile++) {
            int start = tile * WIDTH;
            int width = width(tile);
            distances(queries, query * dim, tile, width, acc);
            for (int j = 0; j < width; j++) {
                int g = offset + start + j;
                if (g != self) {
                    visitor.visit(g, acc[j]);
                }
            }
        }
    }

    /** Number of tiles of {@value #WIDTH} references. */
    int tiles() {
        return (rows + WIDTH - 1) / WIDTH;
    }

    /** References in tile {@code tile}. */
    int width(int tile) {
        return Math.min(WIDTH, rows - tile * WIDTH);
    }

    /**
     * fl(Σ_t (q_t − r_t)²) of the query at {@code q[qa ..]} and the block's row {@code local}, summed in dimension
     * order: bit-identical to the tile kernel ({@link #distances}), whose running sums add the same terms in the same
     * order.
     */
    double exact(double[] q, int qa, int local) {
        double[] x = rowMajor();
        int ra = local * dim;
        double s = 0;
        for (int t = 0; t < dim; t++) {
            double d = q[qa + t] - x[ra + t];
            s += d * d;
        }
        return s;
    }

    /**
     * {@link #exact} of the query at {@code q[qa ..]} and the block's rows {@code rows[from .. from + 4)}, into
     * {@code out[at .. at + 4)}: four independent running sums, each adding its terms in dimension order (so each
     * value is bit-identical to {@link #exact}), which the CPU overlaps instead of waiting on one chain of additions.
     */
    void exact4(double[] q, int qa, int[] rows, int from, double[] out, int at) {
        double[] x = rowMajor();
        int a0 = rows[from] * dim;
        int a1 = rows[from + 1] * dim;
        int a2 = rows[from + 2] * dim;
        int a3 = rows[from + 3] * dim;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int t = 0; t < dim; t++) {
            double v = q[qa + t];
            double d0 = v - x[a0 + t];
            double d1 = v - x[a1 + t];
            double d2 = v - x[a2 + t];
            double d3 = v - x[a3 + t];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    /**
     * {@link #exact} of the query at {@code q[qa ..]} and each of the block's rows {@code rows[0 .. n)}, into
     * {@code out[at .. at + n)}.
     */
    void exactAll(double[] q, int qa, int[] rows, int n, double[] out, int at) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            exact4(q, qa, rows, i, out, at + i);
        }
        for (; i < n; i++) {
            out[at + i] = exact(q, qa, rows[i]);
        }
    }

    /** The block's rows, row-major, built on first use (one contiguous row per distance instead of dim tile columns). */
    private double[] rowMajor() {
        if (rowMajor == null) {
            double[] x = new double[rows * dim];
            for (int tile = 0; tile < tiles(); tile++) {
                for (int t = 0; t < dim; t++) {
                    double[] col = columns[tile * dim + t];
                    for (int j = 0; j < col.length; j++) {
                        x[(tile * WIDTH + j) * dim + t] = col[j];
                    }
                }
            }
            rowMajor = x;
        }
        return rowMajor;
    }

    /** The block's rows (local, ascending) grouped by their label in {@code referenceLabels} (global indices). */
    Map<Integer, int[]> rowsByLabel(int[] referenceLabels) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int j = 0; j < rows; j++) {
            counts.merge(referenceLabels[offset + j], 1, Integer::sum);
        }
        Map<Integer, int[]> out = new HashMap<>();
        Map<Integer, Integer> fill = new HashMap<>();
        counts.forEach((label, n) -> {
            out.put(label, new int[n]);
            fill.put(label, 0);
        });
        for (int j = 0; j < rows; j++) {
            int label = referenceLabels[offset + j];
            int at = fill.merge(label, 1, Integer::sum) - 1;
            out.get(label)[at] = j;
        }
        return out;
    }

    /** Fills {@code acc[0 .. width)} with the exact squared distances of the query at {@code q[qa ..]} to tile {@code tile}. */
    void distances(double[] q, int qa, int tile, int width, double[] acc) {
        int base = tile * dim;
        java.util.Arrays.fill(acc, 0, width, 0.0);
        int t = 0;
        for (; t + 4 <= dim; t += 4) {
            double a0 = q[qa + t];
            double a1 = q[qa + t + 1];
            double a2 = q[qa + t + 2];
            double a3 = q[qa + t + 3];
            double[] x0 = columns[base + t];
            double[] x1 = columns[base + t + 1];
            double[] x2 = columns[base + t + 2];
            double[] x3 = columns[base + t + 3];
            for (int j = 0; j < width; j++) {
                double d0 = a0 - x0[j];
                double d1 = a1 - x1[j];
                double d2 = a2 - x2[j];
                double d3 = a3 - x3[j];
                acc[j] = acc[j] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
            }
        }
        for (; t < dim; t++) {
            double a = q[qa + t];
            double[] x = columns[base + t];
            for (int j = 0; j < width; j++) {
                double d = a - x[j];
                acc[j] += d * d;
            }
        }
    }

    /** Max-heap by ranking order (the worst kept neighbour on top). */
    private static void push(double[] hd, int[] hi, int size, double d, int idx) {
        int c = size;
        while (c > 0) {
            int p = (c - 1) / 2;
            if (!TopK.before(hd[p], hi[p], d, idx)) {
                break;
            }
            hd[c] = hd[p];
            hi[c] = hi[p];
            c = p;
        }
        hd[c] = d;
        hi[c] = idx;
    }

    private static void replaceTop(double[] hd, int[] hi, int size, double d, int idx) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int g = l + 1 < size && TopK.before(hd[l], hi[l], hd[l + 1], hi[l + 1]) ? l + 1 : l;
            if (!TopK.before(d, idx, hd[g], hi[g])) {
                break;
            }
            hd[c] = hd[g];
            hi[c] = hi[g];
            c = g;
        }
        hd[c] = d;
        hi[c] = idx;
    }
}
