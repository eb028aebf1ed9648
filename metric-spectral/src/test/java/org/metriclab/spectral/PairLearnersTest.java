package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/** MMC, RCA, DCA and GMML against their defining equations, computed by brute force. */
class PairLearnersTest {
    private final Dataset data = Fixtures.gaussians(7, 25, 3, 4, 3.0);
    private final Pairs pairs = new RandomPairs(0).sample(data, new java.util.SplittableRandom(4));

    private double logDissimilar(Matrix a) {
        double s = 0;
        for (int k = 0; k < pairs.size(); k++) {
            if (!pairs.isSimilar(k)) {
                double[] v = org.metriclab.core.linalg.Vectors.minus(data.x().row(pairs.left(k)), data.x().row(pairs.right(k)));
                s += Math.sqrt(org.metriclab.core.linalg.Vectors.dot(v, a.times(v)));
            }
        }
        return Math.log(s);
    }

    @Test
    void mmcMeetsItsConstraintsAndImprovesTheObjective() {
        Matrix ss = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, true));
        double t = ss.trace() / 100;
        Matrix start = Matrix.identity(4).scale(t / ss.trace());
        for (MmcLearner.Projection proj : MmcLearner.Projection.values()) {
            Matrix a = new MmcLearner(100, 10000, 1e-6, false, 1.0, proj).fit(data.x(), pairs, FitContext.seeded(0)).m();
            assertTrue(Eigen.symmetric(a).values()[3] >= -1e-10, proj + ": A ⪰ 0");
            assertTrue(Fixtures.traceProduct(a, ss) <= t * 1.01 + 1e-12, proj + ": Σ_S ‖·‖²_A ≤ t (1% tolerance)");
            assertTrue(logDissimilar(a) > logDissimilar(start) + 0.05, proj + ": g(A) improves on the feasible scaled identity");
        }
    }

    /**
     * Feature 2 is constant over every similar pair but not over the dissimilar ones, so Σ_S is singular
     * and MMC's problem is unbounded along e₂: without a ridge the whitened ascent drops e₂ (Σ_S's
     * unit-free whitening truncates it) instead of growing without bound there; with ridge r e₂ is kept and
     * the budget tr(A(Σ_S + R)) ≤ t holds, R = r·diag(Σ_S) with r·tr(Σ_S)/d where Σ_S's diagonal is 0,
     * which bounds A₂₂ by t/(r·tr(Σ_S)/d).
     */
    @Test
    void mmcRidgeBoundsTheMetricWhenTheSimilarScatterIsSingular() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(31);
        int n = 40;
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            x[i][2] = i < n / 2 ? 0.0 : 1.0;
        }
        java.util.List<int[]> list = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % (n / 2) + (i < n / 2 ? 0 : n / 2);
            list.add(new int[] {i, j, 1});
            list.add(new int[] {i, (i + n / 2 + 3) % n, 0});
        }
        Pairs p = new Pairs(list.stream().mapToInt(v -> v[0]).toArray(), list.stream().mapToInt(v -> v[1]).toArray(),
                toBooleans(list.stream().mapToInt(v -> v[2]).toArray()));
        Matrix xm = Matrix.of(x);
        Matrix ss = Matrix.of(Fixtures.bruteScatter(xm, p, true));
        assertEquals(0.0, ss.get(2, 2), 0.0, "feature 2 has no similar-pair spread");
        Matrix free = new MmcLearner(100, 10000, 1e-6, false, 1.0, MmcLearner.Projection.WHITENED, 0.0)
                .fit(xm, p, FitContext.seeded(0)).m();
        double ridge = 1e-3;
        Matrix bounded = new MmcLearner(100, 10000, 1e-6, false, 1.0, MmcLearner.Projection.WHITENED, ridge)
                .fit(xm, p, FitContext.seeded(0)).m();
        Matrix w = ss.plus(Matrix.diagonal(ridge * ss.get(0, 0), ridge * ss.get(1, 1), ridge * ss.trace() / 3));
        double t = w.trace() / 100;
        assertTrue(Fixtures.traceProduct(bounded, w) <= t * (1 + 1e-6), "ridge budget holds");
        double bound = t * 3 / (ridge * ss.trace());
        assertTrue(bounded.get(2, 2) > 0 && bounded.get(2, 2) <= bound * (1 + 1e-6), "A22 " + bounded.get(2, 2) + " ≤ " + bound);
        assertEquals(0.0, free.get(2, 2), 1e-12 * free.trace(), "without a ridge the null direction is dropped, not grown");
        assertEquals(MmcLearner.DEFAULT_WHITENED_RIDGE, MmcLearner.from(org.metriclab.core.learn.Params.empty()).ridge());
        assertEquals(0.0, MmcLearner.from(org.metriclab.core.learn.Params.of(java.util.Map.of("projection", "alternating"))).ridge());
    }

    private static boolean[] toBooleans(int[] v) {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i] == 1;
        }
        return b;
    }

    @Test
    void diagonalMmcStaysNonNegativeAndLowersItsObjective() {
        MahalanobisMetric m = new MmcLearner(100, 10000, 1e-6, true, 1.0, MmcLearner.Projection.WHITENED)
                .fit(data.x(), pairs, FitContext.seeded(0));
        Matrix a = m.m();
        double[] ss = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, true)).diagonal();
        double objStart = Arrays.stream(ss).sum() - logDissimilar(Matrix.identity(4));
        double obj = 0;
        for (int j = 0; j < 4; j++) {
            assertTrue(a.get(j, j) >= 0);
            obj += ss[j] * a.get(j, j);
            for (int k = 0; k < 4; k++) {
                if (k != j) {
                    assertEquals(0.0, a.get(j, k), 0.0, "diagonal metric");
                }
            }
        }
        obj -= logDissimilar(a);
        assertTrue(obj < objStart - 1, "Σ_S‖·‖²_w − log Σ_D‖·‖_w decreases: " + objStart + " → " + obj);
    }

    @Test
    void rcaWhitensTheWithinChunkletCovariance() {
        int[] chunkOf = new int[data.size()];
        Arrays.fill(chunkOf, -1);
        for (int i = 0; i + 3 < 60; i += 4) {
            for (int j = 0; j < 4; j++) {
                chunkOf[i + j] = i / 4;
            }
        }
        for (int i = 0; i < 60; i++) {
            chunkOf[i] = chunkOf[i] < 0 ? -1 : (data.labels().get(i) * 100 + chunkOf[i]);
        }
        Chunklets ch = new Chunklets(chunkOf);
        double[][] c = new double[4][4];
        int total = 0;
        for (int id : Arrays.stream(chunkOf).filter(v -> v >= 0).distinct().toArray()) {
            int[] rows = java.util.stream.IntStream.range(0, chunkOf.length).filter(i -> chunkOf[i] == id).toArray();
            if (rows.length < 2) {
                continue;
            }
            double[] mean = new double[4];
            for (int r : rows) {
                for (int j = 0; j < 4; j++) {
                    mean[j] += data.x().get(r, j) / rows.length;
                }
            }
            for (int r : rows) {
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        c[a][b] += (data.x().get(r, a) - mean[a]) * (data.x().get(r, b) - mean[b]);
                    }
                }
            }
            total += rows.length;
        }
        Matrix inner = Matrix.of(c).scale(1.0 / total);
        Matrix l = new RcaLearner(0, 1e-6).fit(data.x(), ch, FitContext.seeded(0)).l();
        assertTrue(l.times(inner).times(l.transpose()).maxAbsDifference(Matrix.identity(4)) < 1e-9, "L Ĉ Lᵀ = I");
        assertTrue(l.gram().maxAbsDifference(Psd.inverse(inner)) < 1e-7 * Psd.inverse(inner).frobeniusNorm(), "M = Ĉ⁻¹");
        Matrix l2 = new RcaLearner(2, 1e-6).fit(data.x(), ch, FitContext.seeded(0)).l();
        assertTrue(l2.times(inner).times(l2.transpose()).maxAbsDifference(Matrix.identity(2)) < 1e-9, "whitened in the 2-D subspace");
    }

    @Test
    void dcaDiagonalisesBothChunkletScatters() {
        Pairs explicit = new Pairs(new int[] {0, 3, 1, 4, 2, 5, 0, 1, 0, 7}, new int[] {3, 6, 4, 7, 5, 8, 1, 2, 2, 11},
                new boolean[] {true, true, true, true, true, true, false, false, false, false});
        int[] comp = DcaLearner.components(data.size(), explicit);
        assertEquals(comp[0], comp[6]);
        assertEquals(comp[1], comp[7]);
        assertTrue(comp[0] != comp[1] && comp[9] == 9, "rows outside similar pairs are singletons");
        Dataset big = Fixtures.gaussians(8, 40, 3, 4, 3.0);
        Pairs p = new RandomPairs(60).sample(big, new java.util.SplittableRandom(9));
        Matrix l = new DcaLearner(0, 0.0).fit(big.x(), p, FitContext.seeded(0)).l();
        assertTrue(l.rows() >= 1 && l.rows() <= 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DcaLearner(0, 0)
                .fit(data.x(), new Pairs(new int[] {0, 0}, new int[] {3, 3}, new boolean[] {true, false}), FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("contradict"), e.getMessage());
    }

    @Test
    void gmmlSolvesTheRiccatiEquation() {
        GmmlLearner g = new GmmlLearner(0.5, 1e-6);
        Matrix[] sd = g.scatters(data.x(), pairs);
        Matrix a = g.fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix asa = a.times(sd[0]).times(a);
        assertTrue(asa.maxAbsDifference(sd[1]) < 1e-7 * sd[1].frobeniusNorm(), "A S A = D");
        Matrix ss = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, true));
        double scale = (ss.trace() + Matrix.of(Fixtures.bruteScatter(data.x(), pairs, false)).trace()) / 8;
        assertTrue(sd[0].maxAbsDifference(ss.plusIdentity(1e-6 * scale)) < 1e-9 * scale, "S = Σ_S + reg·I");
    }

    @Test
    void gmmlWeightedMeanMatchesTheClosedForm() {
        GmmlLearner g = new GmmlLearner(0.3, 1e-6);
        Matrix[] sd = g.scatters(data.x(), pairs);
        Matrix a = g.fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix sh = Psd.power(sd[0], 0.5);
        Matrix sih = Psd.power(sd[0], -0.5);
        Matrix expected = sih.times(Psd.power(sh.times(sd[1]).times(sh).symmetrize(), 0.3)).times(sih);
        assertTrue(a.maxAbsDifference(expected) < 1e-7 * expected.frobeniusNorm(), "A = S^{-1/2}(S^{1/2} D S^{1/2})^t S^{-1/2}");
        assertThrows(IllegalArgumentException.class, () -> new GmmlLearner(1.5, 1e-6));
    }

    /**
     * dims p: LᵀL must be A's best rank-p approximation Σ_{k≤p} λ_k v_k v_kᵀ, here built independently by
     * power iteration with deflation on the full-rank A.
     */
    @Test
    void gmmlDimsKeepsTheTopEigenpairsOfA() {
        Matrix a = new GmmlLearner(0.5, 1e-6).fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix l = new GmmlLearner(0.5, 1e-6, 2).fit(data.x(), pairs, FitContext.seeded(0)).l();
        assertEquals(2, l.rows());
        assertEquals(4, l.cols());
        double[][] m = a.toRows();
        double[][] expected = new double[4][4];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k = 0; k < 2; k++) {
            double[] v = r.doubles(4, -1, 1).toArray();
            double lambda = 0;
            for (int it = 0; it < 5000; it++) {
                double[] w = new double[4];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        w[i] += m[i][j] * v[j];
                    }
                }
                double norm = Math.sqrt(java.util.Arrays.stream(w).map(z -> z * z).sum());
                lambda = norm;
                for (int i = 0; i < 4; i++) {
                    v[i] = w[i] / norm;
                }
            }
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    expected[i][j] += lambda * v[i] * v[j];
                    m[i][j] -= lambda * v[i] * v[j];
                }
            }
        }
        Matrix e = Matrix.of(expected);
        assertTrue(l.gram().maxAbsDifference(e) < 1e-8 * e.frobeniusNorm(), "LᵀL = λ1 v1 v1ᵀ + λ2 v2 v2ᵀ");
        assertEquals(a, new GmmlLearner(0.5, 1e-6, 4).fit(data.x(), pairs, FitContext.seeded(0)).m(), "dims = d is full rank");
        assertThrows(IllegalArgumentException.class, () -> new GmmlLearner(0.5, 1e-6, -1));
    }

    @Test
    void labelSupervisedVersionsAreTheConstraintLearnersOnSampledConstraints() {
        org.metriclab.core.learn.Learners reg = org.metriclab.core.learn.Learners.of(java.util.List.of(new SpectralCatalog()));
        FitContext ctx = FitContext.seeded(3);
        for (String name : new String[] {"margin_spectral", "trace_spectral", "mmc", "dca", "gmml"}) {
            Matrix viaLabels = ((MahalanobisMetric) reg.create(name, org.metriclab.core.learn.Params.empty()).fit(data, ctx)).l();
            Pairs sampled = new RandomPairs(0).sample(data, ctx.random("constraints"));
            org.metriclab.core.learn.Supervised<?, ?> sup = (org.metriclab.core.learn.Supervised<?, ?>)
                    ((org.metriclab.core.learn.CheckedLearner<?>) reg.create(name, org.metriclab.core.learn.Params.empty())).learner();
            @SuppressWarnings("unchecked")
            org.metriclab.core.learn.ConstraintLearner<Pairs, MahalanobisMetric> core =
                    (org.metriclab.core.learn.ConstraintLearner<Pairs, MahalanobisMetric>) sup.core();
            assertEquals(viaLabels, core.fit(data.x(), sampled, ctx).l(), name + ": explicit constraints give the same model");
        }
    }
}
