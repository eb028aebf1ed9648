package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

/** The doubly centred kernel matrix against a direct evaluation K_ij − m_i − m_j + μ. */
class CentredGramTest {

    @Test
    void matchesTheDirectDoubleCentring() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 9;
        int d = 3;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        Kernel k = new Kernel(Kernel.Type.POLYNOMIAL, 0.7, 2, 1.0);
        CentredGram gram = CentredGram.of("test", k, Matrix.of(n, d, x));
        double[][] raw = new double[n][n];
        double[] rowMean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                raw[i][j] = k.apply(x, i * d, x, j * d, d);
                rowMean[i] += raw[i][j] / n;
            }
            grand += rowMean[i] / n;
        }
        assertEquals(grand, gram.grandMean(), 1e-12);
        double[] means = gram.columnMeans();
        for (int i = 0; i < n; i++) {
            assertEquals(rowMean[i], means[i], 1e-12);
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                double expected = raw[i][j] - rowMean[i] - rowMean[j] + grand;
                assertEquals(expected, gram.get(i, j), 1e-12);
                assertEquals(expected, gram.matrix().get(i, j), 1e-12);
                rowSum += gram.get(i, j);
            }
            assertEquals(0, rowSum, 1e-10, "every row of a centred kernel matrix sums to zero");
        }
    }

    @Test
    void overflowNamesTheLearnerAndTheWayOut() {
        Matrix x = Matrix.of(2, 1, new double[] {1e200, 2e200});
        Kernel k = new Kernel(Kernel.Type.POLYNOMIAL, 1.0, 3, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CentredGram.of("kfda", k, x));
        assertTrue(e.getMessage().startsWith("kfda: the kernel matrix overflowed"), e.getMessage());
    }
}
