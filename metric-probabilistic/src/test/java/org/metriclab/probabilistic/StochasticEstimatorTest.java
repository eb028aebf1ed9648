package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.probabilistic.stochastic.LocalGradients;
import org.metriclab.probabilistic.stochastic.SoftNeighborLoss;

/**
 * The stochastic solvers' batch estimator against the exact objectives, by exact enumeration on tiny
 * data: averaged over every query batch of size b (references = all rows), (1/b) Σ_{i∈B} ∇f_i is the
 * exact gradient of F/n; and a query whose candidates are all other rows reproduces its exact term.
 */
class StochasticEstimatorTest {
    private static final int N = 8;
    private static final int D = 3;
    private static final int P = 2;

    private static Matrix data() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return Matrix.of(N, D, x);
    }

    private static double[] transformation() {
        SplittableRandom r = new SplittableRandom(9);
        double[] l = new double[P * D];
        for (int k = 0; k < l.length; k++) {
            l[k] = 0.6 * r.nextGaussian();
        }
        return l;
    }

    private static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1};

    private static int[] all() {
        int[] a = new int[N];
        for (int i = 0; i < N; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Every b-subset of 0..n−1. */
    private static List<int[]> subsets(int n, int b) {
        List<int[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) == b) {
                int[] s = new int[b];
                int o = 0;
                for (int i = 0; i < n; i++) {
                    if ((mask & 1 << i) != 0) {
                        s[o++] = i;
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    /** E_B[(1/b) Σ_{i∈B} ∇f_i] over all batches, and E_B[(1/b) Σ f_i] appended as the last entry. */
    private static double[] expectedEstimate(SoftNeighborLoss loss, int b) {
        LocalGradients oracle = new LocalGradients(RowSource.of(data()), loss);
        double[] l = transformation();
        double[] mean = new double[P * D + 1];
        List<int[]> batches = subsets(N, b);
        for (int[] q : batches) {
            double[] g = new double[P * D];
            double f = oracle.accumulate(l, P, new Batch.Shared(q, all()), g);
            for (int k = 0; k < g.length; k++) {
                mean[k] += g[k] / b / batches.size();
            }
            mean[P * D] += f / b / batches.size();
        }
        return mean;
    }

    private static void assertClose(double[] expected, double[] actual, int count, double tol) {
        for (int k = 0; k < count; k++) {
            assertEquals(expected[k], actual[k], tol * Math.max(1, Math.abs(expected[k])), "entry " + k);
        }
    }

    @Test
    void ncaBatchEstimateIsUnbiasedForTheExactGradient() {
        double[] exact = new double[P * D];
        double value = new NcaObjective(data(), LABELS, P, 0).valueAndGradient(transformation(), exact);
        for (int b : new int[] {1, 3, 5}) {
            double[] est = expectedEstimate(new SoftNeighborLoss.Nca(LABELS, 0), b);
            double[] scaled = exact.clone();
            for (int k = 0; k < scaled.length; k++) {
                scaled[k] /= N;
            }
            assertClose(scaled, est, P * D, 1e-12);
            // f_i = 1 − p_i while NCA's F = −Σ p_i
            assertEquals(1 + value / N, est[P * D], 1e-12);
        }
    }

    @Test
    void mlkrBatchEstimateIsUnbiasedForTheExactGradient() {
        double[] y = {0.5, -1, 2, 0.25, 1.5, -0.5, 3, 1};
        double[] exact = new double[P * D];
        double value = new MlkrObjective(data(), y, P).valueAndGradient(transformation(), exact);
        double[] est = expectedEstimate(new SoftNeighborLoss.Mlkr(y), 4);
        for (int k = 0; k < exact.length; k++) {
            exact[k] /= N;
        }
        assertClose(exact, est, P * D, 1e-12);
        assertEquals(value / N, est[P * D], 1e-12);
    }

    @Test
    void candidatesCoveringAllRowsGiveTheExactTerms() {
        SoftNeighborLoss loss = new SoftNeighborLoss.Nca(LABELS, 0);
        LocalGradients oracle = new LocalGradients(RowSource.of(data()), loss);
        int[][] others = new int[N][];
        for (int i = 0; i < N; i++) {
            int[] o = new int[N - 1];
            for (int j = 0, k = 0; j < N; j++) {
                if (j != i) {
                    o[k++] = j;
                }
            }
            others[i] = o;
        }
        double[] viaCandidates = new double[P * D];
        double f1 = oracle.accumulate(transformation(), P, new Batch.Candidates(all(), others), viaCandidates);
        double[] viaShared = new double[P * D];
        double f2 = oracle.accumulate(transformation(), P, new Batch.Shared(all(), all()), viaShared);
        assertEquals(f2, f1, 1e-12);
        assertClose(viaShared, viaCandidates, P * D, 1e-12);
    }

    @Test
    void subsampledReferencesAreBiasedButTheBiasShrinksWithTheReferenceSize() {
        // the documented ratio-estimator bias: exact at m = n, nonzero below, smaller at larger m
        SoftNeighborLoss loss = new SoftNeighborLoss.Nca(LABELS, 0);
        LocalGradients oracle = new LocalGradients(RowSource.of(data()), loss);
        double[] l = transformation();
        double exact = oracle.accumulate(l, P, new Batch.Shared(all(), all()), new double[P * D]) / N;
        double[] bias = new double[N + 1];
        for (int m : new int[] {3, 5, N}) {
            List<int[]> refs = subsets(N, m);
            double mean = 0;
            for (int[] r : refs) {
                mean += oracle.accumulate(l, P, new Batch.Shared(all(), r), new double[P * D]) / N / refs.size();
            }
            bias[m] = Math.abs(mean - exact);
        }
        assertEquals(0, bias[N], 1e-14);
        assertTrue(bias[3] > 1e-3, "bias at m=3: " + bias[3]);
        assertTrue(bias[5] < bias[3], "bias at m=5 " + bias[5] + " vs m=3 " + bias[3]);
    }
}
