package org.metriclab.deep.fewshot;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * The standard few-shot evaluation (Vinyals et al. 2016; Snell et al. 2017): {@code episodes} episodes,
 * each drawing {@code ways} classes among those with at least shots + queries rows, then {@code shots}
 * support and {@code queries} query rows of each class without replacement; every query is given the class
 * of its nearest prototype (mean of that class's support embeddings, squared Euclidean distance; with
 * {@code cosine}, on L2-normalised rows). The result is the mean episode accuracy with its 95% interval,
 * 1.96 times the standard error over episodes. Run it on classes the embedding never saw in training.
 */
public record FewShotProtocol(int ways, int shots, int queries, int episodes, boolean cosine) {

    public FewShotProtocol {
        if (ways < 2) {
            throw new IllegalArgumentException("few-shot ways must be at least 2, got " + ways);
        }
        if (shots < 1 || queries < 1) {
            throw new IllegalArgumentException("few-shot shots and queries must be at least 1, got shots " + shots + ", queries " + queries);
        }
        if (episodes < 2) {
            throw new IllegalArgumentException("few-shot episodes must be at least 2 (for an interval), got " + episodes);
        }
    }

    /** Mean accuracy over the episodes, with its 95% half-width. */
    public record Result(FewShotProtocol protocol, double meanAccuracy, double ci95, long seed) {
    }

    public Result evaluate(Matrix embeddings, Labels labels, long seed) {
        int n = embeddings.rows();
        if (labels.size() != n) {
            throw new IllegalArgumentException("few-shot evaluation needs one label per embedding row: " + labels.size() + " labels for " + n + " rows");
        }
        int d = embeddings.cols();
        double[] x = embeddings.toArray();
        if (cosine) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x[i * d + k] * x[i * d + k];
                }
                double norm = Math.max(Math.sqrt(s), 1e-12);
                for (int k = 0; k < d; k++) {
                    x[i * d + k] /= norm;
                }
            }
        }
        int need = shots + queries;
        int[] classes = labels.classes();
        int[][] pools = new int[classes.length][];
        int eligible = 0;
        for (int c : classes) {
            int[] members = labels.indicesOf(c);
            if (members.length >= need) {
                pools[eligible++] = members.clone();
            }
        }
        if (eligible < ways) {
            throw new IllegalArgumentException(ways + "-way " + shots + "-shot episodes with " + queries + " queries need " + ways
                    + " classes of at least " + need + " rows; the data has " + eligible + "; lower the ways, shots or queries");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[eligible];
        for (int i = 0; i < eligible; i++) {
            order[i] = i;
        }
        double[] acc = new double[episodes];
        double[] proto = new double[ways * d];
        int[][] queryRows = new int[ways][queries];
        for (int e = 0; e < episodes; e++) {
            Arrays.fill(proto, 0);
            for (int w = 0; w < ways; w++) {
                swap(order, w, w + rng.nextInt(eligible - w));
                int[] pool = pools[order[w]];
                for (int s = 0; s < need; s++) {
                    swap(pool, s, s + rng.nextInt(pool.length - s));
                    if (s < shots) {
                        for (int k = 0; k < d; k++) {
                            proto[w * d + k] += x[pool[s] * d + k] / shots;
                        }
                    } else {
                        queryRows[w][s - shots] = pool[s];
                    }
                }
            }
            int correct = 0;
            for (int w = 0; w < ways; w++) {
                for (int q : queryRows[w]) {
                    int best = 0;
                    double bestD = Double.POSITIVE_INFINITY;
                    for (int v = 0; v < ways; v++) {
                        double s = 0;
                        for (int k = 0; k < d; k++) {
                            double t = x[q * d + k] - proto[v * d + k];
                            s += t * t;
                        }
                        if (s < bestD) {
                            bestD = s;
                            best = v;
                        }
                    }
                    correct += best == w ? 1 : 0;
                }
            }
            acc[e] = correct / (double) (ways * queries);
        }
        double sum = 0;
        for (double a : acc) {
            sum += a;
        }
        double mean = sum / episodes;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        double sd = Math.sqrt(ss / (episodes - 1));
        return new Result(this, mean, 1.96 * sd / Math.sqrt(episodes), seed);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
