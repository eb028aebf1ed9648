package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/**
 * Regularised spectral learning: λ = 0 is trace_spectral, the Laplacian regulariser against a
 * brute-force k-NN graph, LLE weights against exact and perturbed reconstructions, the optimum
 * against the Ky Fan bound, and the penalty falling as λ grows.
 */
class RegularizedSpectralTest {
    @Test
    void lambdaZeroIsTraceSpectral() {
        Dataset data = Fixtures.gaussians(3, 12, 3, 4, 2.0);
        Pairs pairs = Fixtures.allPairs(data);
        MahalanobisMetric plain = new TraceSpectralLearner(2).fit(data.x(), pairs, FitContext.seeded(0));
        MahalanobisMetric reg = new RegularizedSpectralLearner(SpectralGraph.LLE, 0.0, 5, 2).fit(data.x(), pairs, FitContext.seeded(0));
        assertEquals(plain.l(), reg.l());
    }

    @Test
    void laplacianRegularizerIsTheMeanScatterOverTheSymmetricKnnGraph() {
        Matrix x = Fixtures.gaussians(4, 10, 2, 3, 1.0).x();
        int n = x.rows();
        int k = 3;
        boolean[][] edge = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            int self = i;
            Arrays.sort(order, (a, b) -> Double.compare(dist(x, self, a), dist(x, self, b)));
            int taken = 0;
            for (int t = 0; t < n && taken < k; t++) {
                if (order[t] != i) {
                    edge[Math.min(i, order[t])][Math.max(i, order[t])] = true;
                    taken++;
                }
            }
        }
        double[][] s = new double[3][3];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (edge[i][j]) {
                    count++;
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            s[a][b] += (x.get(i, a) - x.get(j, a)) * (x.get(i, b) - x.get(j, b));
                        }
                    }
                }
            }
        }
        Matrix expected = Matrix.of(s).scale(1.0 / count);
        assertTrue(SpectralGraph.LAPLACIAN.regularizer(x, k).maxAbsDifference(expected) < 1e-12);
    }

    private static double dist(Matrix x, int i, int j) {
        double s = 0;
        for (int t = 0; t < x.cols(); t++) {
            s += (x.get(i, t) - x.get(j, t)) * (x.get(i, t) - x.get(j, t));
        }
        return s;
    }

    @Test
    void lleWeightsReconstructAMidpointAndMinimiseTheRegularisedError() {
        Matrix line = Matrix.of(new double[][] {{-1, -1}, {0, 0}, {1, 1}});
        double[] w = SpectralGraph.lleWeights(line, 1, new int[] {0, 2});
        assertEquals(0.5, w[0], 1e-15);
        assertEquals(0.5, w[1], 1e-15);
        Matrix x = Fixtures.gaussians(5, 6, 2, 3, 1.0).x();
        int[] nbrs = {1, 2, 3, 4, 5};
        double[] best = SpectralGraph.lleWeights(x, 0, nbrs);
        assertEquals(1.0, Arrays.stream(best).sum(), 1e-12);
        double ridge = 0;
        for (int j : nbrs) {
            ridge += dist(x, 0, j);
        }
        ridge *= SpectralGraph.LLE_RIDGE;
        double optimum = reconstruction(x, nbrs, best, ridge);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            double[] moved = best.clone();
            double shift = 0.01 * r.nextGaussian();
            int a = r.nextInt(5);
            int b = (a + 1 + r.nextInt(4)) % 5;
            moved[a] += shift;
            moved[b] -= shift;
            assertTrue(reconstruction(x, nbrs, moved, ridge) >= optimum - 1e-14, "a sum-preserving change lowered the error");
        }
    }

    private static double reconstruction(Matrix x, int[] nbrs, double[] w, double ridge) {
        double s = 0;
        for (int t = 0; t < x.cols(); t++) {
            double r = x.get(0, t);
            for (int a = 0; a < nbrs.length; a++) {
                r -= w[a] * x.get(nbrs[a], t);
            }
            s += r * r;
        }
        for (double v : w) {
            s += ridge * v * v;
        }
        return s;
    }

    @Test
    void optimumMeetsTheKyFanBoundAndThePenaltyFallsAsLambdaGrows() {
        Dataset data = Fixtures.gaussians(6, 15, 3, 5, 2.0);
        Pairs pairs = Fixtures.allPairs(data);
        Matrix r = SpectralGraph.LLE.regularizer(data.x(), 4);
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {0.0, 0.5, 2.0, 10.0}) {
            RegularizedSpectralLearner learner = new RegularizedSpectralLearner(SpectralGraph.LLE, lambda, 4, 2);
            Matrix l = learner.fit(data.x(), pairs, FitContext.seeded(0)).l();
            Matrix a = learner.objectiveMatrix(data.x(), pairs);
            double value = l.times(a).times(l.transpose()).trace();
            double[] ev = Eigen.symmetric(a).values();
            assertEquals(ev[ev.length - 1] + ev[ev.length - 2], value, 1e-10 * (1 + Math.abs(value)), "Ky Fan: sum of the two smallest");
            SplittableRandom rnd = new SplittableRandom(7);
            for (int t = 0; t < 50; t++) {
                Matrix q = randomOrthonormalRows(rnd, 2, 5);
                assertTrue(q.times(a).times(q.transpose()).trace() >= value - 1e-10, "a random orthonormal U beat the optimum");
            }
            double penalty = l.times(r).times(l.transpose()).trace();
            assertTrue(penalty <= previous + 1e-12, "λ = " + lambda + ": penalty " + penalty + " rose from " + previous);
            previous = penalty;
        }
    }

    private static Matrix randomOrthonormalRows(SplittableRandom r, int p, int d) {
        double[][] rows = new double[p][d];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = r.nextGaussian();
            }
            for (int q = 0; q < i; q++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += rows[i][j] * rows[q][j];
                }
                for (int j = 0; j < d; j++) {
                    rows[i][j] -= dot * rows[q][j];
                }
            }
            double norm = Math.sqrt(Arrays.stream(rows[i]).map(v -> v * v).sum());
            for (int j = 0; j < d; j++) {
                rows[i][j] /= norm;
            }
        }
        return Matrix.of(rows);
    }

    @Test
    void badParametersNameThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RegularizedSpectralLearner(SpectralGraph.LLE, -1, 5, 0))
                .getMessage().contains("lambda"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RegularizedSpectralLearner(SpectralGraph.LLE, 1, 0, 0))
                .getMessage().contains("k must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RegularizedSpectralLearner(SpectralGraph.LLE, 1, 5, -1))
                .getMessage().contains("dims"));
    }
}
