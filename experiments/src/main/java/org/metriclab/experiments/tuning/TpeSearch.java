package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator (Bergstra et al., 2011), per dimension and in the unit cube.
 *
 * <p>The first {@link #startup} proposals are uniform. After that the history is split at the
 * {@link #GAMMA} quantile of the scores into good and bad candidates; each set gets, per dimension, a
 * Parzen density (a Gaussian kernel at every point plus one uniform component as prior, bandwidth by
 * Scott's rule, at least 1/(m+1) for a set of m points so that a tight cluster of good points keeps
 * exploring its neighbourhood instead of re-proposing itself). {@link #CANDIDATES} points are drawn from the good density and the
 * one with the largest ratio good/bad (the expected-improvement criterion of TPE) is proposed.
 */
final class TpeSearch implements Searcher {
    static final double GAMMA = 0.25;
    static final int CANDIDATES = 24;
    private static final double MIN_BANDWIDTH = 0.02;
    private static final double MAX_BANDWIDTH = 0.3;
    private final int dims;
    private final long seed;
    private final int startup;

    TpeSearch(int dims, long seed) {
        this.dims = dims;
        this.seed = seed;
        this.startup = Math.max(5, 2 * dims);
    }

    @Override
    public double[] propose(List<Observation> history) {
        int n = history.size();
        SplittableRandom r = new SplittableRandom(seed ^ (0xBF58476D1CE4E5B9L * (n + 1)));
        if (n < startup) {
            double[] u = new double[dims];
            for (int i = 0; i < dims; i++) {
                u[i] = r.nextDouble();
            }
            return u;
        }
        List<Observation> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingDouble(Observation::rankScore).reversed());
        int nGood = Math.max(1, (int) Math.ceil(GAMMA * n));
        double[][] good = points(sorted.subList(0, nGood));
        double[][] bad = points(sorted.subList(nGood, n));
        double[] hGood = bandwidths(good);
        double[] hBad = bandwidths(bad);
        double[] best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double[] x = sample(good, hGood, r);
            double ratio = 0;
            for (int d = 0; d < dims; d++) {
                ratio += Math.log(density(good, d, hGood[d], x[d])) - Math.log(density(bad, d, hBad[d], x[d]));
            }
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = x;
            }
        }
        return best;
    }

    private static double[][] points(List<Observation> obs) {
        double[][] out = new double[obs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = obs.get(i).unit();
        }
        return out;
    }

    /** Scott's rule per dimension, 1.06·sd·m^(-1/5), at most MAX_BANDWIDTH and at least max(MIN_BANDWIDTH, 1/(m+1)). */
    private double[] bandwidths(double[][] pts) {
        double[] h = new double[dims];
        int m = pts.length;
        for (int d = 0; d < dims; d++) {
            if (m < 2) {
                h[d] = MAX_BANDWIDTH / 2;
                continue;
            }
            double mean = 0;
            for (double[] p : pts) {
                mean += p[d] / m;
            }
            double var = 0;
            for (double[] p : pts) {
                var += (p[d] - mean) * (p[d] - mean) / (m - 1);
            }
            h[d] = Math.max(Math.max(MIN_BANDWIDTH, 1.0 / (m + 1)), Math.min(MAX_BANDWIDTH, 1.06 * Math.sqrt(var) * Math.pow(m, -0.2)));
        }
        return h;
    }

    /** A draw from the mixture: the uniform prior with weight 1/(m+1), else a kernel around a random point, folded into [0, 1]. */
    private double[] sample(double[][] pts, double[] h, SplittableRandom r) {
        int k = r.nextInt(pts.length + 1);
        double[] x = new double[dims];
        for (int d = 0; d < dims; d++) {
            x[d] = k == pts.length ? r.nextDouble() : fold(pts[k][d] + h[d] * gaussian(r));
        }
        return x;
    }

    /** The mixture density at {@code x} in dimension {@code d}: uniform prior plus one Gaussian kernel per point. */
    private static double density(double[][] pts, int d, double h, double x) {
        double sum = 1.0;
        for (double[] p : pts) {
            double z = (x - p[d]) / h;
            sum += Math.exp(-0.5 * z * z) / (h * Math.sqrt(2 * Math.PI));
        }
        return sum / (pts.length + 1);
    }

    private static double fold(double v) {
        double w = Math.abs(v) % 2.0;
        return w > 1.0 ? 2.0 - w : w;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
