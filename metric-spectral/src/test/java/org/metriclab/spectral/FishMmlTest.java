package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.ColumnGroup;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Views;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

class FishMmlTest {
    private static final Learners CATALOG = Learners.of(List.of(new SpectralCatalog()));

    /** Objective values reported per sweep. */
    private static final class Recorder implements Progress {
        final List<Double> objectives = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void iteration(int iteration, double objective) {
            objectives.add(objective);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }

    private static Dataset threeViews(long seed) {
        Dataset g = Fixtures.gaussians(seed, 15, 3, 7, 1.5);
        return g.withViews(new Views(List.of(ColumnGroup.range("a", 0, 1), ColumnGroup.range("b", 2, 4), ColumnGroup.range("c", 5, 6))));
    }

    /**
     * S_B − S_W from pair sums, independent of the learner's class means: S_T = Σ_ij (x_i − x_j)(x_i − x_j)ᵀ / (2n²),
     * S_W = Σ_c Σ_{i,j∈c} (x_i − x_j)(x_i − x_j)ᵀ / (2 n n_c), S_B = S_T − S_W.
     */
    private static Matrix scatterDifferenceByPairs(Dataset data) {
        int n = data.size();
        int d = data.dim();
        int[] y = data.labels().toArray();
        int[] count = new int[data.labels().classCount()];
        for (int c : y) {
            count[c]++;
        }
        double[][] m = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double total = 1.0 / (2.0 * n * n);
                double withinW = y[i] == y[j] ? 1.0 / (2.0 * n * count[y[i]]) : 0.0;
                double w = total - 2 * withinW;
                for (int a = 0; a < d; a++) {
                    double da = data.x().get(i, a) - data.x().get(j, a);
                    for (int b = 0; b < d; b++) {
                        m[a][b] += w * da * (data.x().get(i, b) - data.x().get(j, b));
                    }
                }
            }
        }
        return Matrix.of(m);
    }

    private static Matrix projector(Matrix rows) {
        return rows.transpose().times(rows);
    }

    @Test
    void oneViewReducesToTheTopEigenvectorsOfTheScatterDifference() {
        Dataset data = Fixtures.gaussians(3, 20, 3, 5, 2.0);
        Recorder rec = new Recorder();
        MahalanobisMetric m = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("hsic", 0.0)))
                .fit(data, new FitContext(0, rec));
        EigenPairs e = Eigen.symmetric(scatterDifferenceByPairs(data).symmetrize());
        Matrix expected = e.top(2).vectors().transpose();
        assertEquals(2, m.l().rows());
        assertTrue(projector(m.l()).maxAbsDifference(projector(expected)) < 1e-9, "same 2-D subspace");
        assertEquals(e.value(0) + e.value(1), rec.objectives.get(rec.objectives.size() - 1), 1e-9);
        // with one view the HSIC weight has nothing to act on
        MahalanobisMetric withHsic = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("hsic", 5.0)))
                .fit(data, FitContext.seeded(0));
        assertTrue(projector(withHsic.l()).maxAbsDifference(projector(expected)) < 1e-9);
    }

    @Test
    void everyAlternatingSweepKeepsOrRaisesTheObjective() {
        for (long seed = 0; seed < 5; seed++) {
            Recorder rec = new Recorder();
            CATALOG.create("fish_mml", Params.of(Map.of("hsic", 3.0, "dims", 2, "tol", 1e-14, "max_iter", 30)))
                    .fit(threeViews(seed), new FitContext(0, rec));
            assertTrue(rec.objectives.size() > 2, "alternated: " + rec.objectives);
            for (int t = 1; t < rec.objectives.size(); t++) {
                double before = rec.objectives.get(t - 1);
                double after = rec.objectives.get(t);
                assertTrue(after >= before - 1e-10 * Math.max(1, Math.abs(before)), "seed " + seed + " sweep " + t + ": " + before
                        + " -> " + after);
            }
            assertTrue(rec.objectives.get(rec.objectives.size() - 1) > rec.objectives.get(0), "HSIC term raised J: " + rec.objectives);
        }
    }

    @Test
    void hsicMatchesTheKernelDefinitionOnAHandComputedCase() {
        // two 1-D views of 4 rows, P = [1]: z1 = (0, 1, 2, 5), z2 = (1, 0, 3, 4)
        Matrix x = Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, 3}, {5, 4}});
        Dataset d = new Dataset("hand", x, Labels.of(0, 0, 1, 1))
                .withViews(new Views(List.of(ColumnGroup.range("a", 0, 0), ColumnGroup.range("b", 1, 1))));
        FishMmlLearner.Problem problem = FishMmlLearner.problem(d, 1.0);
        List<Matrix> p = List.of(Matrix.of(new double[][] {{1}}), Matrix.of(new double[][] {{1}}));
        // centred z1 = (-2, -1, 0, 3), z2 = (-1, -2, 1, 2): Σ z̃1 z̃2 = 2 + 2 + 0 + 6 = 10; tr(K1 H K2 H) = 10² = 100; / (n−1)² = 100/9
        assertEquals(100.0 / 9.0, problem.hsic(0, 1, p), 1e-12);
        assertEquals(kernelHsic(x.columns(new int[] {0}), x.columns(new int[] {1})), problem.hsic(0, 1, p), 1e-12);
    }

    @Test
    void reportedObjectiveEqualsTheDefinitionWithExplicitKernels() {
        Dataset data = threeViews(11);
        Recorder rec = new Recorder();
        MahalanobisMetric m = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("hsic", 0.7, "dims", 2)))
                .fit(data, new FitContext(0, rec));
        double j = definition(data, projections(data, m), 0.7);
        assertEquals(j, rec.objectives.get(rec.objectives.size() - 1), 1e-9 * Math.abs(j));
    }

    @Test
    void theResultIsStationaryForTheDefinitionUnderSmallRotationsOfEachView() {
        Dataset data = threeViews(13);
        MahalanobisMetric m = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("hsic", 2.0, "dims", 2, "tol", 1e-15,
                "max_iter", 500))).fit(data, FitContext.seeded(0));
        List<Matrix> p = projections(data, m);
        double best = definition(data, p, 2.0);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 30; trial++) {
            int v = trial % 3;
            List<Matrix> moved = new ArrayList<>(p);
            moved.set(v, orthonormal(p.get(v), r, 1e-3));
            double j = definition(data, moved, 2.0);
            assertTrue(j <= best + 1e-7 * Math.abs(best), "view " + v + ": a small rotation raised J from " + best + " to " + j);
        }
    }

    /** P_v (d_v × 2) of each view from the concatenated L (two rows per view). */
    private static List<Matrix> projections(Dataset data, MahalanobisMetric m) {
        List<Matrix> p = new ArrayList<>();
        for (int v = 0; v < data.views().count(); v++) {
            p.add(m.l().rows(new int[] {2 * v, 2 * v + 1}).columns(data.views().get(v).columns()).transpose());
        }
        return p;
    }

    /** J from its definition: pairwise-sum scatters and n × n kernel HSIC. */
    private static double definition(Dataset data, List<Matrix> p, double lambda) {
        double j = 0;
        List<Matrix> z = new ArrayList<>();
        for (int v = 0; v < p.size(); v++) {
            int[] cols = data.views().get(v).columns();
            Dataset view = new Dataset("v", data.x().columns(cols), data.labels());
            j += p.get(v).transpose().times(scatterDifferenceByPairs(view)).times(p.get(v)).trace();
            z.add(view.x().times(p.get(v)));
        }
        for (int v = 0; v < p.size(); v++) {
            for (int w = 0; w < p.size(); w++) {
                j += v == w ? 0 : lambda * kernelHsic(z.get(v), z.get(w));
            }
        }
        return j;
    }

    /** Gram–Schmidt of P + ε·G (G standard normal): a nearby orthonormal basis. */
    private static Matrix orthonormal(Matrix p, java.util.SplittableRandom r, double eps) {
        double[][] c = p.transpose().toRows();
        for (double[] col : c) {
            for (int i = 0; i < col.length; i++) {
                col[i] += eps * r.nextGaussian();
            }
        }
        for (int a = 0; a < c.length; a++) {
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int i = 0; i < c[a].length; i++) {
                    dot += c[a][i] * c[b][i];
                }
                for (int i = 0; i < c[a].length; i++) {
                    c[a][i] -= dot * c[b][i];
                }
            }
            double norm = 0;
            for (double t : c[a]) {
                norm += t * t;
            }
            for (int i = 0; i < c[a].length; i++) {
                c[a][i] /= Math.sqrt(norm);
            }
        }
        return Matrix.of(c).transpose();
    }

    /** tr(K1 H K2 H)/(n−1)² with n × n linear kernels. */
    private static double kernelHsic(Matrix z1, Matrix z2) {
        int n = z1.rows();
        Matrix h = Matrix.identity(n).minus(Matrix.of(n, n, filled(n * n, 1.0 / n)));
        Matrix k1 = z1.times(z1.transpose());
        Matrix k2 = z2.times(z2.transpose());
        return k1.times(h).times(k2).times(h).trace() / ((n - 1.0) * (n - 1.0));
    }

    private static double[] filled(int size, double v) {
        double[] a = new double[size];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void concatAndSumPlaceEachProjectionOnItsViewsColumns() {
        Dataset data = threeViews(2);
        MahalanobisMetric concat = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("dims", 2))).fit(data, FitContext.seeded(0));
        MahalanobisMetric sum = (MahalanobisMetric) CATALOG.create("fish_mml", Params.of(Map.of("dims", 2, "combine", "sum")))
                .fit(data, FitContext.seeded(0));
        assertEquals(6, concat.l().rows());
        assertEquals(2, sum.l().rows());
        // concat rows 0-1 belong to view a (columns 0-1) only; sum = the three blocks added
        assertEquals(0.0, concat.l().rows(new int[] {0, 1}).columns(new int[] {2, 3, 4, 5, 6}).frobeniusNorm(), 0.0);
        Matrix added = concat.l().rows(new int[] {0, 1}).plus(concat.l().rows(new int[] {2, 3})).plus(concat.l().rows(new int[] {4, 5}));
        assertTrue(added.maxAbsDifference(sum.l()) < 1e-12);
    }

    @Test
    void modelRoundTripsAndBadParametersNameThemselves() {
        Dataset data = threeViews(4);
        LearnedMetric m = CATALOG.create("fish_mml", Params.empty()).fit(data, FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        assertEquals(m.embed(data.x()), back.embed(data.x()));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("hsic", -1.0), Map.of("within", -0.5), Map.of("dims", -1),
                Map.of("max_iter", 0), Map.of("tol", 0.0), Map.of("combine", "mean"))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CATALOG.create("fish_mml", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void capsAndOneClassAreReported() {
        Recorder rec = new Recorder();
        CATALOG.create("fish_mml", Params.of(Map.of("dims", 3))).fit(threeViews(5), new FitContext(0, rec));
        assertTrue(rec.warnings.stream().anyMatch(w -> w.contains("view 'a' has 2 columns; dims 3 lowered to 2")), rec.warnings.toString());
        Recorder capped = new Recorder();
        CATALOG.create("fish_mml", Params.of(Map.of("dims", 1, "max_iter", 1, "tol", 1e-15, "hsic", 2.0)))
                .fit(threeViews(5), new FitContext(0, capped));
        assertTrue(capped.warnings.stream().anyMatch(w -> w.contains("max_iter=1")), capped.warnings.toString());
        Dataset one = new Dataset("one", Matrix.of(new double[][] {{1, 2}, {2, 1}}), Labels.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> CATALOG.create("fish_mml", Params.empty()).fit(one, FitContext.seeded(0)));
    }
}
