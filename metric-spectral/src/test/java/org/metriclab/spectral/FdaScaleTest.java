package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/**
 * FDA on features measured in very different units: its generalized eigenproblem is invariant under
 * rescaling a feature, so the embedding of the training rows must not change when the features are
 * multiplied by 10⁻⁶ … 10⁶. A ridge proportional to tr(S_W)/d, or an eigenvalue cut relative to the
 * largest raw eigenvalue, would erase the small-unit features instead. (LFDA's affinities depend on
 * Euclidean distances, so it is not unit-free; the scales stress set covers it.)
 */
class FdaScaleTest {
    private static Dataset rescaled(Dataset data, double[] unit) {
        int n = data.size();
        int d = data.dim();
        double[] x = data.x().toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= unit[j];
            }
        }
        return data.withFeatures(Matrix.of(n, d, x));
    }

    private static void assertSameEmbedding(MetricLearner<?> learner, Dataset data, Dataset scaled) {
        Matrix z = learner.fit(data, FitContext.seeded(0)).embed(data.x());
        Matrix zs = learner.fit(scaled, FitContext.seeded(0)).embed(scaled.x());
        assertEquals(z.cols(), zs.cols());
        double scale = 0;
        for (double v : z.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < z.cols(); k++) {
            // eigenvectors are defined up to sign
            double same = 0;
            double flipped = 0;
            for (int i = 0; i < z.rows(); i++) {
                same = Math.max(same, Math.abs(z.get(i, k) - zs.get(i, k)));
                flipped = Math.max(flipped, Math.abs(z.get(i, k) + zs.get(i, k)));
            }
            assertTrue(Math.min(same, flipped) < 1e-6 * scale, "direction " + k + " differs by " + Math.min(same, flipped));
        }
    }

    @Test
    void fdaDoesNotDependOnTheFeaturesUnits() {
        Dataset data = Fixtures.gaussians(5, 30, 3, 4, 2.0);
        Dataset scaled = rescaled(data, new double[] {1e-6, 1e-2, 1e2, 1e6});
        assertSameEmbedding(FdaLearner.from(Params.empty()), data, scaled);
    }
}
