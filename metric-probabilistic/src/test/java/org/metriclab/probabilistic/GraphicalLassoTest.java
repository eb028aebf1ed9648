package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Inverse;
import org.metriclab.core.linalg.Matrix;

class GraphicalLassoTest {
    /**
     * 2×2 closed form: for S = [[a, r], [r, b]] and α &lt; |r| the optimal covariance keeps the diagonal
     * and shrinks the off-diagonal to r − α·sign(r) (KKT: W − S = α·sign(Θ) off the diagonal).
     */
    @Test
    void twoByTwoMatchesTheClosedForm() {
        Matrix s = Matrix.of(new double[][] {{2.0, 0.8}, {0.8, 1.0}});
        GraphicalLasso.Result r = new GraphicalLasso(0.3, 100, 1e-10, 1e-12).fit(s);
        Matrix w = Matrix.of(new double[][] {{2.0, 0.5}, {0.5, 1.0}});
        Matrix expected = Inverse.of(w);
        assertTrue(r.precision().maxAbsDifference(expected) < 1e-8, r.precision() + " vs " + expected);
        assertTrue(r.converged());
    }

    @Test
    void largePenaltyGivesADiagonalPrecision() {
        Matrix s = Matrix.of(new double[][] {{2.0, 0.8}, {0.8, 1.0}});
        GraphicalLasso.Result r = new GraphicalLasso(0.9, 100, 1e-10, 1e-12).fit(s);
        assertEquals(0.0, r.precision().get(0, 1), 1e-12);
        assertEquals(0.5, r.precision().get(0, 0), 1e-10);
        assertEquals(1.0, r.precision().get(1, 1), 1e-10);
    }

    /**
     * Optimality (KKT) on a random 6×6 problem: with W = Θ⁻¹, W_ii = S_ii, |W_ij − S_ij| ≤ α, and
     * W_ij − S_ij = α·sign(Θ_ij) wherever Θ_ij ≠ 0.
     */
    @Test
    void randomProblemSatisfiesTheOptimalityConditions() {
        int d = 6;
        SplittableRandom rng = new SplittableRandom(3);
        double[][] z = new double[20][d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        Matrix x = Matrix.of(z);
        Matrix s = x.gram().scale(1.0 / 20);
        double alpha = 0.1;
        GraphicalLasso.Result r = new GraphicalLasso(alpha, 500, 1e-12, 1e-12).fit(s);
        Matrix w = Inverse.of(r.precision());
        for (int i = 0; i < d; i++) {
            assertEquals(s.get(i, i), w.get(i, i), 1e-6, "diagonal of W");
            for (int j = 0; j < d; j++) {
                if (i == j) {
                    continue;
                }
                double diff = w.get(i, j) - s.get(i, j);
                double theta = r.precision().get(i, j);
                assertTrue(Math.abs(diff) <= alpha + 1e-6, "|W-S| > alpha at " + i + "," + j);
                if (Math.abs(theta) > 1e-8) {
                    assertEquals(alpha * Math.signum(theta), diff, 1e-5, "W_ij - S_ij != alpha sign(Theta_ij) at " + i + "," + j);
                }
            }
        }
        GraphicalLasso g = new GraphicalLasso(alpha, 500, 1e-12, 1e-12);
        double best = g.objective(s, r.precision());
        Matrix perturbed = r.precision().plus(Matrix.identity(d).scale(1e-3));
        assertTrue(best <= g.objective(s, perturbed), "a perturbed precision has a lower objective");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new GraphicalLasso(-1, 10, 1e-4, 1e-4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GraphicalLasso(0.1, 10, 1e-4, 1e-4).fit(Matrix.of(new double[][] {{1, 2}, {0, 1}})));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
    }
}
