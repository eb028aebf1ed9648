package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Quadruplets;
import org.metriclab.core.constraint.RandomQuadruplets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.core.linalg.Vectors;

/** LSML's loss against a direct evaluation, and its descent. */
class LsmlTest {
    private final Dataset data = Fixtures.gaussians(31, 20, 3, 4, 1.5);
    private final Quadruplets q = new RandomQuadruplets(200).sample(data, new java.util.SplittableRandom(1));

    private double bruteLoss(Matrix m) {
        double hinge = 0;
        for (int c = 0; c < q.size(); c++) {
            double[] ab = Vectors.minus(data.x().row(q.a()[c]), data.x().row(q.b()[c]));
            double[] cd = Vectors.minus(data.x().row(q.c()[c]), data.x().row(q.d()[c]));
            double dab = Math.sqrt(Vectors.dot(ab, m.times(ab)));
            double dcd = Math.sqrt(Vectors.dot(cd, m.times(cd)));
            hinge += dab > dcd ? (dab - dcd) * (dab - dcd) / q.size() : 0;
        }
        double logdet = 0;
        for (double v : org.metriclab.core.linalg.Eigen.symmetric(m).values()) {
            logdet += Math.log(v);
        }
        return hinge + m.trace() - logdet;
    }

    @Test
    void lossMatchesItsDefinitionAndDecreases() {
        LsmlLearner l = new LsmlLearner(1e-3, 1000, 1.0);
        Matrix vab = new RowPairs(q.a(), q.b()).differences(data.x());
        Matrix vcd = new RowPairs(q.c(), q.d()).differences(data.x());
        Matrix probe = Matrix.diagonal(1.5, 0.5, 2, 1);
        assertEquals(bruteLoss(probe), l.loss(probe, vab, vcd), 1e-10);
        Matrix m = l.fit(data.x(), q, FitContext.seeded(0)).m();
        double before = bruteLoss(Matrix.identity(4));
        double after = bruteLoss(m);
        assertTrue(after < before - 1e-3, "loss " + before + " → " + after);
        assertEquals(Double.POSITIVE_INFINITY, l.loss(Matrix.diagonal(1, 0, 1, 1), vab, vcd), "singular M is infeasible");
    }

    /**
     * gradient = exact: ∂F/∂M by central finite differences of the brute-force loss (symmetric perturbation
     * of each entry pair). gradient = metric_learn: the regulariser part I − M⁻¹ plus |C| times the hinge
     * part of that same finite-difference gradient (metric-learn drops the weights w_c = 1/|C|).
     */
    @Test
    void bothGradientKindsMatchFiniteDifferences() {
        Matrix vab = new RowPairs(q.a(), q.b()).differences(data.x());
        Matrix vcd = new RowPairs(q.c(), q.d()).differences(data.x());
        Matrix m = Matrix.of(new double[][] {{1.5, 0.2, 0, 0.1}, {0.2, 0.7, 0.1, 0}, {0, 0.1, 2, 0.3}, {0.1, 0, 0.3, 1.1}});
        Matrix exact = new LsmlLearner(1e-3, 10, 1.0, LsmlLearner.Gradient.EXACT).gradient(m, vab, vcd);
        Matrix ml = new LsmlLearner(1e-3, 10, 1.0, LsmlLearner.Gradient.METRIC_LEARN).gradient(m, vab, vcd);
        Matrix reg = org.metriclab.core.linalg.Psd.inverse(m).scale(-1).plusIdentity(1.0);
        double h = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double[] up = m.toArray();
                double[] down = m.toArray();
                up[i * 4 + j] += h;
                down[i * 4 + j] -= h;
                if (i != j) {
                    up[j * 4 + i] += h;
                    down[j * 4 + i] -= h;
                }
                double fd = (bruteLoss(Matrix.of(4, 4, up)) - bruteLoss(Matrix.of(4, 4, down))) / (2 * h);
                // a symmetric off-diagonal perturbation moves both (i,j) and (j,i)
                double expected = i == j ? exact.get(i, j) : exact.get(i, j) + exact.get(j, i);
                assertEquals(fd, expected, 1e-5 * (1 + Math.abs(fd)), "exact ∂F/∂M " + i + "," + j);
                double hingeFd = (i == j ? fd - reg.get(i, j) : fd - 2 * reg.get(i, j)) / (i == j ? 1 : 2);
                assertEquals(reg.get(i, j) + q.size() * hingeFd, ml.get(i, j), 1e-4 * (1 + Math.abs(ml.get(i, j))),
                        "metric-learn's direction " + i + "," + j);
            }
        }
    }
}
