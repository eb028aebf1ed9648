package org.metriclab.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

class StandardizerTest {
    /** Columns: real signal, a constant 1e6 with rounding-level jitter, a genuine feature at 1e-13 scale. */
    static Matrix mixed(int n) {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = 1e6 + 1e-6 * r.nextGaussian();
            x[i][2] = 1e-13 * r.nextGaussian();
        }
        return Matrix.of(x);
    }

    @Test
    void nearConstantFeaturesAreDroppedAndTinyScaleOnesKept() {
        Standardizer s = Standardizer.fit(mixed(50));
        assertArrayEquals(new int[] {0, 2}, s.kept(), "1e6 ± 1e-6 is rounding noise; 1e-13 ± 1e-13 is a real feature");
        Matrix z = s.apply(mixed(50));
        for (int j = 0; j < 2; j++) {
            double ss = 0;
            for (double v : z.column(j)) {
                ss += v * v;
            }
            assertEquals(1.0, ss / 50, 1e-9, "unit variance on the train rows");
        }
    }

    @Test
    void thresholdIsAParameter() {
        assertArrayEquals(new int[] {0, 1, 2}, Standardizer.fit(mixed(50), 1e-15).kept());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(mixed(50), 0.5));
        assertTrue(e.getMessage().contains("relative spread of 0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(mixed(5), 1.0));
    }

    @Test
    void valuesNearTheDoubleRangeStayFinite() {
        Matrix x = Matrix.of(new double[][] {{1e308, 1}, {-1e308, 2}, {5e307, 3}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(2, s.outputDim());
        for (double v : s.std()) {
            assertTrue(Double.isFinite(v), "std " + v);
        }
        assertTrue(s.apply(x).isFinite(), "z of the train rows is finite");
        double[] z = s.apply(new double[] {1.7e308, 2});
        assertTrue(Double.isFinite(z[0]), "x − mean overflows, z does not: " + z[0]);
    }

    @Test
    void nonFiniteTrainingValuesAreRejectedWithTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(Matrix.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 3}})));
        assertTrue(e.getMessage().contains("row 1, feature 0"), e.getMessage());
    }
}
