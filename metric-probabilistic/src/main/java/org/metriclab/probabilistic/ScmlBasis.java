package org.metriclab.probabilistic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/** SCML's set of rank-one bases b_k (unit rows, K × d): the metric is M = Σ_k w_k b_k b_kᵀ. */
record ScmlBasis(double[][] rows) {
    /** k-means restarts for the LDA basis's region centres. */
    static final int KMEANS_RESTARTS = 3;
    /** Consecutive draws without a new basis after which triplet differences are declared exhausted. */
    private static final int MAX_BARREN_DRAWS = 100;
    /** Eigenvalues at or below this fraction of the largest count as zero. */
    private static final double EIGEN_TOLERANCE = 1e-10;

    int size() {
        return rows.length;
    }

    /** metric-learn's default number of LDA bases: min(20d, 2n·min(c − 1, d) − 1). */
    static int defaultLdaCount(int n, int d, int classes) {
        return (int) Math.min(20L * d, 2L * n * Math.min(classes - 1, d) - 1);
    }

    /**
     * Locally discriminative bases: k-means centres of the rows anchor local regions; for each centre
     * and each of two scales (10 and 20 rows per class, or 20 and 50 when d > 50) the nearest rows of
     * every class form a local problem whose LDA directions (at most c − 1) become bases. The first
     * scale's bases come first; the list is cut at {@code count}.
     */
    static ScmlBasis lda(double[][] x, int[] y, int count, RandomGenerator rng) {
        int n = x.length;
        int d = x[0].length;
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        int perLda = Math.min(classes.length - 1, d);
        int clusters = Math.min(n, (int) Math.ceil(count / (2.0 * perLda)));
        double[][] centres = KMeansCentres.fit(x, clusters, KMEANS_RESTARTS, rng).centres();
        int[] scales = d > 50 ? new int[] {20, 50} : new int[] {10, 20};
        int[][] members = new int[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            int cls = classes[c];
            members[c] = IntStream.range(0, n).filter(i -> y[i] == cls).toArray();
        }
        // nearest[s][centre] = rows of the local problem at scale s
        int[][][] local = new int[2][clusters][];
        for (int j = 0; j < clusters; j++) {
            List<List<Integer>> bySc = List.of(new ArrayList<>(), new ArrayList<>());
            for (int[] member : members) {
                int[] order = nearest(x, member, centres[j], Math.min(member.length, scales[1]));
                for (int s = 0; s < 2; s++) {
                    for (int m = 0; m < Math.min(member.length, scales[s]); m++) {
                        bySc.get(s).add(order[m]);
                    }
                }
            }
            for (int s = 0; s < 2; s++) {
                local[s][j] = bySc.get(s).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        // the local problems are independent: solved in parallel, their directions then taken in order
        LocalLda[] lda = new LocalLda[2 * clusters];
        RowTasks.run(lda.length, 1, (t, end) -> {
            int[] rows = local[t / clusters][t % clusters];
            double[][] lx = new double[rows.length][];
            int[] ly = new int[rows.length];
            for (int m = 0; m < rows.length; m++) {
                lx[m] = x[rows[m]];
                ly[m] = y[rows[m]];
            }
            lda[t] = LocalLda.fit(lx, ly);
        });
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < lda.length && out.size() < count; t++) {
            for (double[] dir : lda[t].directions()) {
                if (out.size() < count) {
                    out.add(dir);
                }
            }
        }
        return new ScmlBasis(out.toArray(new double[0][]));
    }

    /**
     * Bases from triplet differences: repeatedly draw d distinct triplets, form
     * S = Σ (u uᵀ − v vᵀ) over their positive differences u and negative differences v, and add the
     * eigenvectors of SᵀS with non-zero eigenvalue, until {@code count} bases exist.
     */
    static ScmlBasis tripletDifferences(double[][] x, Triplets t, int count, RandomGenerator rng) {
        int d = x[0].length;
        int m = t.size();
        if (m < d) {
            throw new FitException("scml", "the triplet_diffs basis needs at least d = " + d + " triplets, got " + m,
                    "use basis=lda, more training rows, or reduce the features (e.g. PCA)");
        }
        List<double[]> out = new ArrayList<>();
        int barren = 0;
        while (out.size() < count) {
            int[] pick = Arrays.copyOf(FitContext.permutation(m, rng), d);
            double[] s = new double[d * d];
            for (int i : pick) {
                double[] u = diff(x[t.anchor(i)], x[t.positive(i)]);
                double[] v = diff(x[t.anchor(i)], x[t.negative(i)]);
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        s[a * d + b] += u[a] * u[b] - v[a] * v[b];
                    }
                }
            }
            Matrix sm = Matrix.of(d, d, s);
            EigenPairs e = Eigen.symmetric(sm.transpose().times(sm).symmetrize());
            int before = out.size();
            double top = e.value(0);
            for (int j = 0; j < e.size() && out.size() < count; j++) {
                if (top > 0 && e.value(j) > EIGEN_TOLERANCE * top) {
                    out.add(e.vectors().column(j));
                }
            }
            barren = out.size() == before ? barren + 1 : 0;
            if (barren == MAX_BARREN_DRAWS) {
                throw new FitException("scml", "the triplets' differences span no direction (all positive and negative"
                        + " differences cancel)", "check the triplets, or use basis=lda");
            }
        }
        return new ScmlBasis(out.toArray(new double[0][]));
    }

    /** The {@code k} rows of {@code candidates} nearest to {@code centre}, nearest first (ties: lower index first). */
    private static int[] nearest(double[][] x, int[] candidates, double[] centre, int k) {
        double[] dist = new double[candidates.length];
        for (int m = 0; m < candidates.length; m++) {
            dist[m] = KMeansCentres.squared(x[candidates[m]], centre);
        }
        int[] pos = GenuineImpostorTriplets.smallest(dist, m -> true, k);
        int[] out = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = candidates[pos[i]];
        }
        return out;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }
}
