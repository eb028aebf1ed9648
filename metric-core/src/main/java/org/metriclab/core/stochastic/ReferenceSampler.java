package org.metriclab.core.stochastic;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the reference rows of a {@code minibatch} step, without replacement, sorted ascending:
 * {@code uniform} over all n rows (Floyd's algorithm: O(m) time and memory), or
 * {@code class_balanced}: the m rows split as evenly as the class sizes allow between the classes,
 * uniform within each class, so rare classes keep same-class references in every step.
 */
public final class ReferenceSampler {
    private final int n;
    private final int size;
    /** Row indices per class (class_balanced only). */
    private final int[][] byClass;

    public ReferenceSampler(int n, int size, StochasticOptions.Sampling sampling, int[] classes) {
        this.n = n;
        this.size = size;
        this.byClass = sampling == StochasticOptions.Sampling.CLASS_BALANCED ? group(classes) : null;
    }

    /** One reference set of {@code size} distinct rows, drawn from {@code rng}. */
    public int[] sample(SplittableRandom rng) {
        if (byClass == null) {
            return floyd(n, size, rng, null);
        }
        int c = byClass.length;
        int[] quota = new int[c];
        int left = size;
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int k = 0; k < c && left > 0; k++) {
                if (quota[k] < byClass[k].length) {
                    quota[k]++;
                    left--;
                    progress = true;
                }
            }
        }
        int[] out = new int[size - left];
        int o = 0;
        for (int k = 0; k < c; k++) {
            for (int r : floyd(byClass[k].length, quota[k], rng, byClass[k])) {
                out[o++] = r;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** m distinct values of 0..n−1 (mapped through {@code rows} when given), sorted. */
    private static int[] floyd(int n, int m, SplittableRandom rng, int[] rows) {
        Set<Integer> chosen = new HashSet<>(2 * m);
        int[] out = new int[m];
        int o = 0;
        for (int j = n - m; j < n; j++) {
            int t = rng.nextInt(j + 1);
            int pick = chosen.add(t) ? t : j;
            if (pick == j) {
                chosen.add(j);
            }
            out[o++] = rows == null ? pick : rows[pick];
        }
        Arrays.sort(out);
        return out;
    }

    private static int[][] group(int[] classes) {
        int c = Arrays.stream(classes).max().orElse(-1) + 1;
        int[] counts = new int[c];
        for (int y : classes) {
            counts[y]++;
        }
        int[][] g = new int[c][];
        for (int k = 0; k < c; k++) {
            g[k] = new int[counts[k]];
        }
        int[] fill = new int[c];
        for (int i = 0; i < classes.length; i++) {
            g[classes[i]][fill[classes[i]]++] = i;
        }
        return g;
    }
}
