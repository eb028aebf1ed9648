package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.TargetNeighbors;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;

/** LMNN's active-set objective against brute force over all triplets, and its optimisation. */
class LmnnTest {
    /** Brute force: μ Σ pull + (1 − μ) Σ over all (i, j target, l other class) of [1 + d_ij − d_il]_+. */
    static double[] bruteObjective(Matrix x, int[] y, int[][] targets, Matrix l, double mu) {
        Matrix z = x.times(l.transpose());
        double pull = 0;
        double hinge = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j : targets[i]) {
                double dij = Vectors.squaredDistance(z.row(i), z.row(j));
                pull += dij;
                for (int o = 0; o < x.rows(); o++) {
                    if (y[o] != y[i]) {
                        hinge += Math.max(0, 1 + dij - Vectors.squaredDistance(z.row(i), z.row(o)));
                    }
                }
            }
        }
        return new double[] {mu * pull + (1 - mu) * hinge, hinge};
    }

    private static Matrix randomL(long seed, int d, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[d * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % (d + 1) == 0 ? 1 : 0) + scale * r.nextGaussian();
        }
        return Matrix.of(d, d, v);
    }

    @Test
    void activeSetObjectiveAndGradientMatchBruteForce() {
        Dataset data = Fixtures.gaussians(21, 15, 3, 4, 1.5);
        int[] y = data.labels().toArray();
        int[][] targets = TargetNeighbors.of(data.x(), data.labels(), 3);
        LmnnObjective f = new LmnnObjective(data.x(), y, targets, 0.4, 1.5);
        Matrix l = randomL(1, 4, 0.3);
        f.refresh(l);
        LmnnObjective.Evaluation e = f.evaluate(l);
        assertMatchesBruteForce(data, y, targets, l, e, "objective over the candidate set = all-triplet objective");
        Matrix moved = l.plus(randomL(2, 4, 0.01).minus(Matrix.identity(4)));
        double brute = bruteObjective(data.x(), y, targets, moved, 0.4)[0];
        assertEquals(brute, f.evaluate(moved).objective(), 1e-9 * brute,
                "a small move keeps every impostor among the candidates");
    }

    @Test
    void incrementalPushScatterEqualsARebuiltOne() {
        Dataset data = Fixtures.gaussians(22, 30, 3, 5, 1.0);
        int[] y = data.labels().toArray();
        int[][] targets = TargetNeighbors.of(data.x(), data.labels(), 3);
        LmnnObjective incremental = new LmnnObjective(data.x(), y, targets, 0.5, 2.0);
        LmnnObjective rebuilt = new LmnnObjective(data.x(), y, targets, 0.5, 2.0);
        Matrix l = randomL(5, 5, 0.2);
        incremental.refresh(l);
        rebuilt.refresh(l);
        incremental.accept(incremental.evaluate(l));
        for (int step = 1; step <= 5; step++) {
            Matrix next = l.plus(randomL(10 + step, 5, 0.02).minus(Matrix.identity(5)));
            LmnnObjective.Evaluation a = incremental.evaluate(next);
            LmnnObjective.Evaluation b = rebuilt.evaluate(next);
            assertEquals(b.objective(), a.objective(), 1e-9 * b.objective());
            assertEquals(b.active(), a.active());
            assertTrue(a.gradient().maxAbsDifference(b.gradient()) < 1e-8 * (1 + b.gradient().frobeniusNorm()), "gradient");
            incremental.accept(a);
            l = next;
        }
    }

    @Test
    void objectiveDecreasesAndHingeVanishesOnSeparableData() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 60;
        double[] x = new double[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i * 3] = (y[i] == 0 ? -1.0 : 1.0) + 0.1 * r.nextGaussian();
            x[i * 3 + 1] = 2 * r.nextGaussian();
            x[i * 3 + 2] = 2 * r.nextGaussian();
        }
        Dataset data = new Dataset("separable", Matrix.of(n, 3, x), Labels.of(y));
        int[][] targets = TargetNeighbors.of(data.x(), data.labels(), 3);
        double start = bruteObjective(data.x(), y, targets, Matrix.identity(3), 0.2)[0];
        List<Double> trace = new ArrayList<>();
        Progress p = (it, obj) -> trace.add(obj);
        Matrix l = new LmnnLearner(3, 0, 0.2, 1e-3, 5000, 50, 1e-9, 10, 1.5).fit(data, new FitContext(0, p)).l();
        double[] end = bruteObjective(data.x(), y, targets, l, 0.2);
        System.out.println("[lmnn separable] iterations " + trace.size() + ", hinge " + end[1] + ", L = " + l);
        assertTrue(start > 100, "the Euclidean start violates many margins: " + start);
        assertEquals(0.0, end[1], 1e-9, "zero hinge: every impostor is beyond the unit margin");
        assertTrue(end[0] < start / 10, "objective " + start + " → " + end[0]);
        assertTrue(trace.get(trace.size() - 1) < trace.get(0), "the reported objective decreases");
    }

    /** All LMNN triplets (i, target j, l of another class): the label objective written as explicit triplets. */
    private static Triplets allTriplets(int[] y, int[][] targets) {
        List<int[]> t = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            for (int j : targets[i]) {
                for (int o = 0; o < y.length; o++) {
                    if (y[o] != y[i]) {
                        t.add(new int[] {i, j, o});
                    }
                }
            }
        }
        return new Triplets(t.stream().mapToInt(v -> v[0]).toArray(), t.stream().mapToInt(v -> v[1]).toArray(),
                t.stream().mapToInt(v -> v[2]).toArray());
    }

    @Test
    void explicitTripletObjectiveEqualsTheLabelObjectiveAndItsGradient() {
        Dataset data = Fixtures.gaussians(23, 12, 3, 4, 1.5);
        int[] y = data.labels().toArray();
        int[][] targets = TargetNeighbors.of(data.x(), data.labels(), 3);
        LmnnTriplets f = new LmnnTriplets(data.x(), allTriplets(y, targets), 0.4);
        Matrix l = randomL(3, 4, 0.3);
        LmnnTriplets.Evaluation e = f.evaluate(l);
        assertMatchesBruteForce(data, y, targets, l, e, "triplet objective = brute-force LMNN objective");
    }

    /** Repeated triplets and a pull pair reused across triplets: pull counted once, hinge per triplet. */
    @Test
    void explicitTripletObjectiveCountsPullPairsOnceAndHingesPerTriplet() {
        Matrix x = Matrix.of(new double[][] {{0, 0}, {1, 0}, {0, 0.5}, {3, 0}});
        Triplets t = new Triplets(new int[] {0, 0, 0}, new int[] {1, 1, 1}, new int[] {2, 2, 3});
        LmnnTriplets.Evaluation e = new LmnnTriplets(x, t, 0.25).evaluate(Matrix.identity(2));
        // pull ‖x0 − x1‖² = 1 once; hinges 1 + 1 − 0.25 = 1.75 (twice) and 1 + 1 − 9 < 0
        assertEquals(0.25 * 1 + 0.75 * (2 * 1.75), e.objective(), 1e-12);
        assertEquals(2, e.active());
    }

    @Test
    void explicitTripletsFitThroughTheConstraintPathAndMatchTheSupervisedEntry() {
        Dataset data = Fixtures.gaussians(24, 15, 3, 4, 1.0);
        org.metriclab.core.learn.Params params = org.metriclab.core.learn.Params.of(java.util.Map.of("learn_rate", 1e-3,
                "max_iter", 200, "min_iter", 5, "impostors", 5));
        LmnnLearner lmnn = LmnnLearner.from(params);
        FitContext ctx = FitContext.seeded(4);
        Triplets sampled = new org.metriclab.core.constraint.KnnTriplets(3, 5).sample(data, ctx.random("constraints"));
        org.metriclab.core.distance.MahalanobisMetric explicit = lmnn.fit(data.x(), sampled, ctx);
        org.metriclab.core.learn.MetricLearner<?> supervised = org.metriclab.core.learn.Learners.of(List.of(new SpectralCatalog()))
                .create("lmnn_triplets", params);
        assertEquals(explicit.l(), ((org.metriclab.core.distance.MahalanobisMetric) supervised.fit(data, FitContext.seeded(4))).l());
        LmnnTriplets f = new LmnnTriplets(data.x(), sampled, 0.5);
        double start = f.evaluate(Matrix.identity(4)).objective();
        double end = f.evaluate(explicit.l()).objective();
        assertTrue(end < 0.5 * start, "objective " + start + " → " + end);
    }

    /** The evaluation's objective equals the brute-force LMNN objective (μ 0.4) and its gradient central differences of it. */
    private static void assertMatchesBruteForce(Dataset data, int[] y, int[][] targets, Matrix l, LmnnLearner.Evaluated e, String what) {
        double brute = bruteObjective(data.x(), y, targets, l, 0.4)[0];
        assertEquals(brute, e.objective(), 1e-9 * brute, what);
        double h = 1e-6;
        int rows = l.rows();
        int cols = l.cols();
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                double[] v = l.toArray();
                v[a * cols + b] += h;
                double up = bruteObjective(data.x(), y, targets, Matrix.of(rows, cols, v), 0.4)[0];
                v[a * cols + b] -= 2 * h;
                double down = bruteObjective(data.x(), y, targets, Matrix.of(rows, cols, v), 0.4)[0];
                assertEquals((up - down) / (2 * h), e.gradient().get(a, b), 1e-4 * (1 + Math.abs(e.gradient().get(a, b))), "∂f/∂L");
            }
        }
    }
}
