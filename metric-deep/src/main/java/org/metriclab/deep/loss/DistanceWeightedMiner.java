package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code DistanceWeightedMiner(cutoff=0.5, nonzero_loss_cutoff=1.4)} (Wu et al. 2017) on Euclidean
 * distances of L2-normalised D-dimensional embeddings: d is clamped to ≥ cutoff, negatives get weight
 * ∝ 1/q(d) = exp((2−D)·log d − (D−3)/2·log(1 − d²/4)) (normalised by the largest finite weight),
 * zero for d ≥ nonzero_loss_cutoff; for every (anchor, positive) pair one negative is drawn with
 * probability ∝ its weight (anchors whose weights are all zero are skipped).
 */
public record DistanceWeightedMiner(double cutoff, double nonzeroLossCutoff) implements Miner {

    public static DistanceWeightedMiner from(Params p) {
        return new DistanceWeightedMiner(p.getDouble("cutoff", 0.5), p.getDouble("nonzero_loss_cutoff", 1.4));
    }

    @Override
    public String name() {
        return "distance_weighted";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", cutoff);
        m.put("nonzero_loss_cutoff", nonzeroLossCutoff);
        return m;
    }

    /** The unnormalised-per-row sampling weights (row-major N×N), exposed for tests. */
    double[] weights(double[] x, int n, int d, int[] labels) {
        PairMatrix m = Miner.distances(x, n, d, PairMatrix.Kind.EUCLIDEAN);
        double[] logw = new double[n * n];
        boolean[] ok = new boolean[n * n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dist = Math.max(cutoff, m.get(i, j));
                double lw = (2.0 - d) * Math.log(dist) - ((d - 3) / 2.0) * Math.log(1.0 - 0.25 * dist * dist);
                boolean neg = labels[i] != labels[j];
                lw = neg ? lw : 0;
                logw[i * n + j] = lw;
                ok[i * n + j] = Double.isFinite(lw);
                if (ok[i * n + j]) {
                    max = Math.max(max, lw);
                }
            }
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                boolean usable = ok[k] && labels[i] != labels[j] && Math.max(cutoff, m.get(i, j)) < nonzeroLossCutoff;
                w[k] = usable ? Math.exp(logw[k] - max) : 0;
            }
        }
        return w;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        double[] w = weights(x, n, d, labels);
        int[] a = new int[n * n];
        int[] p = new int[n * n];
        int[] ng = new int[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < n; j++) {
                total += w[i * n + j];
            }
            if (!(total > 0)) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (j == i || labels[j] != labels[i]) {
                    continue;
                }
                double u = rng.nextDouble() * total;
                int pick = -1;
                for (int l = 0; l < n; l++) {
                    if (w[i * n + l] > 0) {
                        pick = l;
                        u -= w[i * n + l];
                        if (u < 0) {
                            break;
                        }
                    }
                }
                a[k] = i;
                p[k] = j;
                ng[k++] = pick;
            }
        }
        return new Tuples.Triplets(Arrays.copyOf(a, k), Arrays.copyOf(p, k), Arrays.copyOf(ng, k));
    }
}
