package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import org.metriclab.core.constraint.ConstraintSampler;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * SCML's supervised triplets (metric-learn's {@code generate_knntriplets}): for every row a, each
 * of its {@code genuine} nearest same-class rows p combined with each of its {@code impostors}
 * nearest other-class rows q, Euclidean distances, ties to the lower index. A class too small for
 * {@code genuine} neighbours (or with too few rows outside it for {@code impostors}) uses all it has
 * ({@link #clipped} says whether that happens). Deterministic: the random stream is not used.
 */
record GenuineImpostorTriplets(int genuine, int impostors) implements ConstraintSampler<Triplets> {
    GenuineImpostorTriplets {
        if (genuine < 1 || impostors < 1) {
            throw new IllegalArgumentException("k_genuine and k_impostor must be >= 1, got " + genuine + ", " + impostors);
        }
    }

    /** A message naming the classes for which fewer neighbours than asked exist, or null when none. */
    String clipped(Labels y) {
        StringBuilder sb = new StringBuilder();
        int[] sizes = y.classSizes();
        int[] classes = y.classes();
        for (int c = 0; c < classes.length; c++) {
            if (sizes[c] - 1 < genuine || y.size() - sizes[c] < impostors) {
                sb.append(sb.isEmpty() ? "" : ", ").append(classes[c]);
            }
        }
        return sb.isEmpty() ? null : "class(es) " + sb + " have fewer than k_genuine=" + genuine + " same-class or k_impostor="
                + impostors + " other-class neighbours; using all available";
    }

    @Override
    public Triplets sample(Dataset train, RandomGenerator rng) {
        train.requireAtLeastTwoClasses("scml triplets");
        Matrix x = train.x();
        Labels y = train.labels();
        int n = y.size();
        double[][] rows = x.toRows();
        int[][] gen = new int[n][];
        int[][] imp = new int[n][];
        // each anchor's neighbours are independent of the others': rows in parallel, one distance buffer per task
        RowTasks.run(n, RowTasks.ROWS, (i0, i1) -> {
            double[] dist = new double[n];
            for (int i = i0; i < i1; i++) {
                for (int j = 0; j < n; j++) {
                    dist[j] = KMeansCentres.squared(rows[i], rows[j]);
                }
                int label = y.get(i);
                int self = i;
                gen[i] = smallest(dist, j -> j != self && y.get(j) == label, genuine);
                imp[i] = smallest(dist, j -> y.get(j) != label, impostors);
            }
        });
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += (long) gen[i].length * imp[i].length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("scml: " + total + " triplets do not fit in one array; lower k_genuine or k_impostor");
        }
        int[] a = new int[(int) total];
        int[] p = new int[(int) total];
        int[] q = new int[(int) total];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int g : gen[i]) {
                for (int o : imp[i]) {
                    a[m] = i;
                    p[m] = g;
                    q[m++] = o;
                }
            }
        }
        return new Triplets(a, p, q);
    }

    /**
     * Indices of the k smallest {@code dist} among those passing {@code keep}, nearest first; an
     * insertion into a sorted buffer of k keeps this O(n·k) and, scanning indices upwards with a strict
     * comparison, puts ties at the lower index first.
     */
    static int[] smallest(double[] dist, IntPredicate keep, int k) {
        int[] idx = new int[k];
        double[] val = new double[k];
        int size = 0;
        for (int j = 0; j < dist.length; j++) {
            if (!keep.test(j) || (size == k && dist[j] >= val[k - 1])) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && val[pos - 1] > dist[j]) {
                val[pos] = val[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            val[pos] = dist[j];
            idx[pos] = j;
        }
        return Arrays.copyOf(idx, size);
    }
}
