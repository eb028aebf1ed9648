package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Tree-structured Parzen estimator (Bergstra et al., 2011), per dimension and in the unit cube.
 *
 * <p>The first {@link #startup} proposals are uniform. After that the history is split at the
 * {@link #GAMMA} quantile of the scores into good and bad candidates; each set gets, per dimension, a
 * Parzen density (a Gaussian kernel at every point plus one uniform component as prior, bandwidth by
 * Scott's rule, at least 1/(m+1) for a set of m points so that a tight cluster of good points keeps
 * exploring its neighbourhood instead of re-proposing itself). {@link #CANDIDATES} points are drawn from the good density and the
 * one with the largest ratio good/bad (the expected-improvement criterion of TPE) is proposed.
 *
 * <p>Conditional dimensions: a dimension's densities use only the candidates where it was active, a drawn
 * coordinate comes from a good candidate where it was active (uniform when there is none), and the ratio
 * sums only over the dimensions the drawn point activates, as in the tree-structured original.
 */
final class TpeSearch implements Searcher {
    static final double GAMMA = 0.25;
    static final int CANDIDATES = 24;
    private static final double MIN_BANDWIDTH = 0.02;
    private static final double MAX_BANDWIDTH = 0.3;
    private final int dims;
    private final long seed;
    private final int startup;
    private final Function<double[], boolean[]> activity;

    TpeSearch(int dims, long seed, Function<double[], boolean[]> activity) {
        this.dims = dims;
        this.seed = seed;
        this.startup = Math.max(5, 2 * dims);
        this.activity = activity;
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
        List<Observation> goodObs = sorted.subList(0, nGood);
        List<Observation> badObs = sorted.subList(nGood, n);
        double[][][] good = new double[dims][][];
        double[][][] bad = new double[dims][][];
        double[] hGood = new double[dims];
        double[] hBad = new double[dims];
        for (int d = 0; d < dims; d++) {
            good[d] = coordinates(goodObs, d);
            bad[d] = coordinates(badObs, d);
            hGood[d] = bandwidth(good[d]);
            hBad[d] = bandwidth(bad[d]);
        }
        double[] best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double[] x = sample(goodObs, good, hGood, r);
            boolean[] on = activity.apply(x);
            double ratio = 0;
            for (int d = 0; d < dims; d++) {
                if (on[d]) {
                    ratio += Math.log(density(good[d], hGood[d], x[d])) - Math.log(density(bad[d], hBad[d], x[d]));
                }
            }
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = x;
            }
        }
        return best;
    }

    /** Dimension {@code d} of the observations where it was active, each as a one-element row. */
    private static double[][] coordinates(List<Observation> obs, int d) {
        return obs.stream().filter(o -> o.isActive(d)).map(o -> new double[] {o.unit()[d]}).toArray(double[][]::new);
    }

    /** Scott's rule, 1.06·sd·m^(-1/5), at most MAX_BANDWIDTH and at least max(MIN_BANDWIDTH, 1/(m+1)). */
    private static double bandwidth(double[][] pts) {
        int m = pts.length;
        if (m < 2) {
            return MAX_BANDWIDTH / 2;
        }
        double mean = 0;
        for (double[] p : pts) {
            mean += p[0] / m;
        }
        double var = 0;
        for (double[] p : pts) {
            var += (p[0] - mean) * (p[0] - mean) / (m - 1);
        }
        return Math.max(Math.max(MIN_BANDWIDTH, 1.0 / (m + 1)), Math.min(MAX_BANDWIDTH, 1.06 * Math.sqrt(var) * Math.pow(m, -0.2)));
    }

    /**
     * A draw from the good mixture: the uniform prior with weight 1/(m+1), else a kernel around one good candidate,
     * folded into [0, 1]. A dimension that candidate did not activate is drawn around a good candidate that did.
     */
    private double[] sample(List<Observation> goodObs, double[][][] good, double[] h, SplittableRandom r) {
        int k = r.nextInt(goodObs.size() + 1);
        double[] x = new double[dims];
        for (int d = 0; d < dims; d++) {
            if (k == goodObs.size()) {
                x[d] = r.nextDouble();
            } else if (goodObs.get(k).isActive(d)) {
                x[d] = fold(goodObs.get(k).unit()[d] + h[d] * gaussian(r));
            } else if (good[d].length > 0) {
                x[d] = fold(good[d][r.nextInt(good[d].length)][0] + h[d] * gaussian(r));
            } else {
                x[d] = r.nextDouble();
            }
        }
        return x;
    }

    /** The mixture density at {@code x}: uniform prior plus one Gaussian kernel per point. */
    private static double density(double[][] pts, double h, double x) {
        double sum = 1.0;
        for (double[] p : pts) {
            double z = (x - p[0]) / h;
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
