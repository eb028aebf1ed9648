package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/** Kernel FDA and the kernelised linear learners reject the same kernel settings, naming themselves. */
class KernelSettingsTest {

    private static String fdaMessage(Kernel.Type type, double gamma, int degree, double coef0) {
        return assertThrows(IllegalArgumentException.class, () -> new KernelFdaLearner(type, gamma, degree, coef0, 1e-3, 0)).getMessage();
    }

    private static String rcaMessage(Kernel.Type type, double gamma, int degree, double coef0) {
        KernelizedMethod rca = KernelizedMethod.RCA;
        var linear = rca.linear(Params.of(Map.of()));
        return assertThrows(IllegalArgumentException.class,
                () -> new KernelSpectralLearner(rca, linear, type, gamma, degree, coef0, 50, 1000)).getMessage();
    }

    @Test
    void badSettingsGiveTheSameOneLineReasonForBothLearners() {
        Object[][] bad = {{null, 0.0, 3, 1.0}, {Kernel.Type.RBF, -1.0, 3, 1.0}, {Kernel.Type.RBF, Double.POSITIVE_INFINITY, 3, 1.0},
                {Kernel.Type.POLYNOMIAL, 1.0, 0, 1.0}, {Kernel.Type.POLYNOMIAL, 1.0, 2, -1.0}};
        for (Object[] s : bad) {
            Kernel.Type type = (Kernel.Type) s[0];
            String fda = fdaMessage(type, (double) s[1], (int) s[2], (double) s[3]);
            String rca = rcaMessage(type, (double) s[1], (int) s[2], (double) s[3]);
            assertEquals(fda.replaceFirst("^kernel_fda: ", ""), rca.replaceFirst("^kernel_rca: ", ""));
            assertTrue(fda.startsWith("kernel_fda: "), fda);
        }
    }

    @Test
    void automaticGammaIsTheMedianHeuristicForRbfAndOneOverDOtherwise() {
        Matrix x = Matrix.of(new double[][] {{0, 0}, {1, 0}, {0, 2}});
        // squared distances 1, 4, 5: the median is 4
        assertEquals(0.25, Kernel.resolve(Kernel.Type.RBF, 0, 3, 1, x).gamma());
        assertEquals(0.5, Kernel.resolve(Kernel.Type.POLYNOMIAL, 0, 3, 1, x).gamma());
        assertEquals(2.0, Kernel.resolve(Kernel.Type.RBF, 2.0, 3, 1, x).gamma());
    }
}
