package org.metriclab.deep.loss;

import java.util.Arrays;

/**
 * Index tuples as PML passes them between miners and losses ({@code indices_tuple}): either triplets
 * {@code (a, p, n)} or pairs {@code (a1, p, a2, n)}. Mined indices are constants for the gradient.
 * Conversions follow {@code loss_and_miner_utils}: pairs→triplets pairs every {@code (a1, p)} with every
 * {@code (a2, n)} of the same anchor (in that nested order); triplets→pairs is {@code (a, p, a, n)}
 * (duplicates kept); all pairs/triplets are ordered, self-pairs excluded, enumerated row-major.
 */
public sealed interface Tuples {

    /** Every index mentioned, concatenated in tuple order (for miner weights). */
    int[] allIndices();

    /** Triplets (a, p, n). */
    record Triplets(int[] a, int[] p, int[] n) implements Tuples {
        public Triplets {
            if (a.length != p.length || a.length != n.length) {
                throw new IllegalArgumentException("triplet index arrays must have equal lengths");
            }
        }

        public int size() {
            return a.length;
        }

        @Override
        public int[] allIndices() {
            return concat(a, p, n);
        }
    }

    /** Positive pairs (a1, p) and negative pairs (a2, n). */
    record Pairs(int[] a1, int[] p, int[] a2, int[] n) implements Tuples {
        public Pairs {
            if (a1.length != p.length || a2.length != n.length) {
                throw new IllegalArgumentException("pair index arrays must have equal lengths");
            }
        }

        @Override
        public int[] allIndices() {
            return concat(a1, p, a2, n);
        }
    }

    static Pairs allPairs(int[] labels) {
        int n = labels.length;
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] == labels[j]) {
                    pos += i != j ? 1 : 0;
                } else {
                    neg++;
                }
            }
        }
        int[] a1 = new int[pos];
        int[] p = new int[pos];
        int[] a2 = new int[neg];
        int[] ng = new int[neg];
        pos = 0;
        neg = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] == labels[j]) {
                    if (i != j) {
                        a1[pos] = i;
                        p[pos++] = j;
                    }
                } else {
                    a2[neg] = i;
                    ng[neg++] = j;
                }
            }
        }
        return new Pairs(a1, p, a2, ng);
    }

    static Triplets allTriplets(int[] labels) {
        int n = labels.length;
        long count = 0;
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                same += labels[i] == labels[j] ? 1 : 0;
            }
            count += (long) (same - 1) * (n - same);
            sizes[i] = same;
        }
        if (count > 50_000_000L) {
            throw new IllegalArgumentException("a batch of " + n + " has " + count + " triplets, more than 50,000,000; use a miner or smaller batches");
        }
        int[] a = new int[(int) count];
        int[] p = new int[(int) count];
        int[] ng = new int[(int) count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j == i || labels[j] != labels[i]) {
                    continue;
                }
                for (int l = 0; l < n; l++) {
                    if (labels[l] != labels[i]) {
                        a[k] = i;
                        p[k] = j;
                        ng[k++] = l;
                    }
                }
            }
        }
        return new Triplets(a, p, ng);
    }

    /** {@code convert_to_pairs}: null → all pairs. */
    static Pairs toPairs(Tuples t, int[] labels) {
        if (t == null) {
            return allPairs(labels);
        }
        if (t instanceof Pairs pr) {
            return pr;
        }
        Triplets tr = (Triplets) t;
        return new Pairs(tr.a(), tr.p(), tr.a(), tr.n());
    }

    /** {@code convert_to_triplets} with {@code t_per_anchor="all"}: null → all triplets. */
    static Triplets toTriplets(Tuples t, int[] labels) {
        if (t == null) {
            return allTriplets(labels);
        }
        if (t instanceof Triplets tr) {
            return tr;
        }
        Pairs pr = (Pairs) t;
        int count = 0;
        for (int i = 0; i < pr.a1().length; i++) {
            for (int j = 0; j < pr.a2().length; j++) {
                count += pr.a1()[i] == pr.a2()[j] ? 1 : 0;
            }
        }
        int[] a = new int[count];
        int[] p = new int[count];
        int[] ng = new int[count];
        int k = 0;
        for (int i = 0; i < pr.a1().length; i++) {
            for (int j = 0; j < pr.a2().length; j++) {
                if (pr.a1()[i] == pr.a2()[j]) {
                    a[k] = pr.a1()[i];
                    p[k] = pr.p()[i];
                    ng[k++] = pr.n()[j];
                }
            }
        }
        return new Triplets(a, p, ng);
    }

    /** {@code convert_to_weights}: per-sample count of appearances / max count; all ones when nothing was mined. */
    static double[] weights(Tuples t, int n) {
        double[] w = new double[n];
        int[] all = t == null ? new int[0] : t.allIndices();
        if (all.length == 0) {
            Arrays.fill(w, 1.0);
            return w;
        }
        double max = 0;
        for (int i : all) {
            w[i]++;
            max = Math.max(max, w[i]);
        }
        for (int i = 0; i < n; i++) {
            w[i] /= max;
        }
        return w;
    }

    private static int[] concat(int[]... parts) {
        int len = 0;
        for (int[] x : parts) {
            len += x.length;
        }
        int[] out = new int[len];
        int k = 0;
        for (int[] x : parts) {
            System.arraycopy(x, 0, out, k, x.length);
            k += x.length;
        }
        return out;
    }
}
