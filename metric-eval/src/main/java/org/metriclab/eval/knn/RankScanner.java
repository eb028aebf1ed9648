package org.metriclab.eval.knn;

import java.util.Arrays;
import java.util.List;
import org.metriclab.eval.RankMeasure;

/**
 * Per-query k-NN measures from one exact distance row, without sorting the row.
 *
 * <p>Ranking order: ascending squared distance, ties by ascending reference index; in self mode the query's
 * own index is skipped. For a query with label y and R relevant references (same label, self excluded), the
 * relevant references are sorted (bucket sort, linear time) and every other reference is counted into
 * {@code h[b]}, b = number of relevant references ranked before it. The rank of the i-th relevant reference is
 * then {@code p_i = i + Σ_{b<i} h[b]}: the exact ranks over the full ranking (k = all, as PML with
 * {@code k=None}). {@link NearestSelector} selects the nearest references, as deep as the deepest
 * measure reads. Both go into the query's {@link RankedHits}, and each measure's value is its function of them.
 * Lone queries (R = 0) get each measure's {@link org.metriclab.eval.RankMeasure#lone()} value (NaN: excluded from the means).
 *
 * <p>Exactness on Gram rows ({@link TiledSearch#forEachGramRow}, the default): each approximate value a_j is
 * within e_j = {@link ReferenceTiles#bound} of the exact d_j = fl(Σ_t (q_t − r_t)²). The measures depend only on
 * c_j = #relevant ranked before each other reference j (the order among relevant ones, or among other ones, does
 * not change the ranks p_i), so the relevant references are sorted by their row values, and c_j is read off the
 * bucket of a_j unless some relevant a_i lies within e_j + max_i e_i of a_j; then exactly those relevant ones are
 * recomputed exactly (cached per query) and compared with j's exact distance and index. The k nearest are
 * selected exactly among the candidates whose lower bound is at most the k-th smallest upper bound. So ranks,
 * ties by index included, are those of the
 * exact distances — the same values as with exact rows ({@code gram = false}).
 */
public final class RankScanner implements TiledSearch.RowVisitor {
    /** Buckets per relevant reference: most buckets stay empty, so most lookups need no comparison. */
    private static final int BUCKETS_PER_ITEM = 4;
    private final Plan plan;
    private final double[] out;
    private final int firstQuery;
    private final double[] relD;
    private final int[] relI;
    private final double[] sortD;
    private final int[] sortI;
    private final double[] relExact;
    private final int[] bucketOf;
    private final int[] start;
    private final int[] cursor;
    private final int[] before;
    private final RankedHits hits;
    private final NearestSelector nearest;
    private final double[] queryData;
    private final int dim;
    private final ReferenceTiles refs;
    private final boolean gram;

    /**
     * What to compute.
     *
     * @param referenceClass class index (0..classes-1) of every reference
     * @param classSizes references per class index
     * @param members reference indices of every class, ascending
     * @param queryClass class index of every query's label among the references, or −1 when absent
     * @param selfMode true when query i is reference i (excluded from its own ranking)
     * @param measures distinct per-query measures; value j of query q goes to {@code out[q·m + j]}
     */
    public record Plan(int[] referenceClass, int[] classSizes, int[][] members, int[] queryClass, boolean selfMode,
                       List<? extends RankMeasure> measures) {
        /** A plan; {@code members[c]} (reference indices of class c, ascending) is derived from referenceClass. */
        public static Plan of(int[] referenceClass, int[] classSizes, int[] queryClass, boolean selfMode,
                              List<? extends RankMeasure> measures) {
            int[][] members = new int[classSizes.length][];
            int[] fill = new int[classSizes.length];
            for (int c = 0; c < classSizes.length; c++) {
                members[c] = new int[classSizes[c]];
            }
            for (int j = 0; j < referenceClass.length; j++) {
                members[referenceClass[j]][fill[referenceClass[j]]++] = j;
            }
            return new Plan(referenceClass, classSizes, members, queryClass, selfMode, measures);
        }

        int depth() {
            return measures.stream().mapToInt(RankMeasure::depth).max().orElse(0);
        }

        int maxClassSize() {
            return Arrays.stream(classSizes).max().orElse(0);
        }
    }

    /**
     * A scanner of rows from {@link TiledSearch#forEachGramRow} ({@code gram = true}: approximate distances, exact
     * ones recomputed from {@code queries}/{@code refs} wherever a comparison falls within the error bounds) or
     * from {@link TiledSearch#forEachRow} ({@code gram = false}: exact distances).
     */
    public RankScanner(Plan plan, double[] out, EmbeddingRows queries, ReferenceTiles refs, boolean gram) {
        this(plan, out, 0, queries, refs, gram);
    }

    /** As above, for queries from {@code firstQuery} on: the value j of query q goes to {@code out[(q − firstQuery)·m + j]}. */
    public RankScanner(Plan plan, double[] out, int firstQuery, EmbeddingRows queries, ReferenceTiles refs, boolean gram) {
        this.plan = plan;
        this.out = out;
        this.firstQuery = firstQuery;
        this.queryData = queries.data();
        this.dim = queries.dim();
        this.refs = refs;
        this.gram = gram;
        int maxR = plan.maxClassSize();
        relD = new double[maxR];
        relI = new int[maxR];
        sortD = new double[maxR];
        sortI = new int[maxR];
        relExact = new double[maxR];
        bucketOf = new int[maxR];
        start = new int[BUCKETS_PER_ITEM * maxR + 2];
        cursor = new int[BUCKETS_PER_ITEM * maxR + 2];
        before = new int[maxR + 1];
        int k = Math.min(plan.depth(), plan.referenceClass().length);
        hits = new RankedHits(new long[maxR], new int[k], plan.classSizes().length);
        nearest = new NearestSelector(k, refs, gram);
    }

    @Override
    public void visit(int query, double[] dist, int off) {
        int m = plan.measures().size();
        int y = plan.queryClass()[query];
        int self = plan.selfMode() ? query : -1;
        int relevant = y < 0 ? 0 : plan.classSizes()[y] - (plan.selfMode() ? 1 : 0);
        if (relevant == 0) {
            for (int j = 0; j < m; j++) {
                out[(query - firstQuery) * m + j] = plan.measures().get(j).lone();
            }
            return;
        }
        int qa = query * dim;
        double qn = gram ? ReferenceTiles.squaredNorm(queryData, qa, dim) : 0.0;
        int[] cls = plan.referenceClass();
        int nr = cls.length;
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double relErr = 0.0;
        for (int j : plan.members()[y]) {
            if (j == self) {
                continue;
            }
            double d = dist[off + j];
            relD[n] = d;
            relI[n] = j;
            n++;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
            if (gram) {
                relErr = Math.max(relErr, refs.bound(qn, j));
            }
        }
        if (gram) {
            Arrays.fill(relExact, 0, n, Double.NaN);
        }
        double qErr = gram ? refs.uniformBound(qn) : 0.0;
        int buckets = BUCKETS_PER_ITEM * n;
        double scale = hi > lo ? buckets / (hi - lo) : 0.0;
        bucketSort(n, buckets, lo, hi, scale);
        Arrays.fill(before, 0, n + 1, 0);
        double uniformErr = 2 * qErr;
        // one pass over the row for both the k-nearest preselection (NearestSelector) and the rank counts: every
        // reference j other than the relevant ones is counted into before[c], c = #relevant ranked before j: the
        // bucket of its row value gives c unless a relevant row value lies within the combined error bound (or, on
        // exact rows, is equal), in which case the relevant references in that window are compared exactly
        nearest.begin();
        for (int j = 0; j < nr; j++) {
            double d = dist[off + j];
            if (j != self) {
                nearest.consider(d, j, qErr);
            }
            if (cls[j] == y) {
                continue;
            }
            int b = d > hi ? buckets : Math.min(buckets - 1, Math.max(0, (int) ((d - lo) * scale)));
            int c = start[b];
            int e = start[b + 1];
            while (c < e && sortD[c] < d) {
                c++;
            }
            if (gram) {
                if ((c > 0 && sortD[c - 1] >= d - uniformErr) || (c < n && sortD[c] <= d + uniformErr)) {
                    // ambiguous under the uniform per-query bound: retry with j's own bound, then resolve exactly
                    double err = refs.bound(qn, j) + relErr;
                    if ((c > 0 && sortD[c - 1] >= d - err) || (c < n && sortD[c] <= d + err)) {
                        c = resolve(c, d, err, j, qa, n);
                    }
                }
            } else if (c < n && sortD[c] == d) {
                c = resolve(c, d, 0.0, j, qa, n);
            }
            before[c]++;
        }
        int knnCount = nearest.capacity() > 0 ? nearest.finish(dist, off, queryData, qa, qErr) : 0;
        long[] ranks = hits.rankBuffer();
        long others = 0;
        for (int i = 0; i < n; i++) {
            others += before[i];
            ranks[i] = i + 1 + others;
        }
        int[] neighbours = hits.neighbourBuffer();
        for (int i = 0; i < knnCount; i++) {
            neighbours[i] = cls[nearest.index(i)];
        }
        hits.reset(y, n, knnCount);
        for (int j = 0; j < m; j++) {
            out[(query - firstQuery) * m + j] = plan.measures().get(j).of(hits);
        }
    }

    /**
     * Exact number of relevant references ranked before reference j (row value d, |d − d_j| ≤ e_j), given that
     * sorted row values below d − err rank before it and those above d + err after it (err = e_j + max relevant
     * e_i, so |sortD[i] − d_i| ≤ e_i excludes any other outcome): the window in between is compared exactly on
     * (exact distance, index).
     */
    private int resolve(int c, double d, double err, int j, int qa, int n) {
        int a = c;
        while (a > 0 && sortD[a - 1] >= d - err) {
            a--;
        }
        int b = c;
        while (b < n && sortD[b] <= d + err) {
            b++;
        }
        double dj = gram ? refs.exact(queryData, qa, j) : d;
        int count = a;
        for (int i = a; i < b; i++) {
            double di = sortD[i];
            if (gram) {
                if (Double.isNaN(relExact[i])) {
                    relExact[i] = refs.exact(queryData, qa, sortI[i]);
                }
                di = relExact[i];
            }
            if (di < dj || (di == dj && sortI[i] < j)) {
                count++;
            }
        }
        return count;
    }

    /** Stable bucket sort of relD/relI (index order) into sortD/sortI by (distance, index); start[b] = first of bucket b. */
    private void bucketSort(int n, int buckets, double lo, double hi, double scale) {
        Arrays.fill(start, 0, buckets + 2, 0);
        for (int i = 0; i < n; i++) {
            double d = relD[i];
            int b = d > hi ? buckets : Math.min(buckets - 1, Math.max(0, (int) ((d - lo) * scale)));
            bucketOf[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b <= buckets; b++) {
            start[b + 1] += start[b];
        }
        System.arraycopy(start, 0, cursor, 0, buckets + 1);
        for (int i = 0; i < n; i++) {
            int p = cursor[bucketOf[i]]++;
            sortD[p] = relD[i];
            sortI[p] = relI[i];
        }
        for (int b = 0; b < buckets; b++) {
            for (int i = start[b] + 1; i < start[b + 1]; i++) {
                double d = sortD[i];
                int idx = sortI[i];
                int p = i - 1;
                while (p >= start[b] && sortD[p] > d) {
                    sortD[p + 1] = sortD[p];
                    sortI[p + 1] = sortI[p];
                    p--;
                }
                sortD[p + 1] = d;
                sortI[p + 1] = idx;
            }
        }
    }
}
