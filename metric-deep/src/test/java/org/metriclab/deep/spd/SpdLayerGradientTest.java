package org.metriclab.deep.spd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

/**
 * Analytic gradients of the SPDNet layers against central finite differences in float64 (relative error
 * below 1e-6) for L = ⟨G, layer(X)⟩ with a random symmetric G: along every symmetric direction
 * E_ij + E_ji of the input, and every entry of the BiMap weight; eigen layers with eigenvalues on both sides
 * of ReEig's ε and with repeated eigenvalues (the divided-difference limit); and the whole network.
 */
class SpdLayerGradientTest {
    private static final double H = 1e-5;

    @Test
    void biMapGradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(1);
        BiMap b = BiMap.random(6, 4, r);
        Matrix x = spd(new double[] {3, 2, 1.5, 1, 0.5, 0.2}, r);
        Matrix g = symmetric(4, r);
        checkInput(v -> inner(g, b.forward(v)), b.gradInput(g), x);
        Matrix gw = b.gradWeight(x, g);
        double[] w = b.w().toArray();
        for (int k = 0; k < w.length; k++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[k] += H;
            down[k] -= H;
            Matrix wu = Matrix.of(6, 4, up);
            Matrix wd = Matrix.of(6, 4, down);
            double fd = (inner(g, wu.transpose().times(x).times(wu)) - inner(g, wd.transpose().times(x).times(wd))) / (2 * H);
            assertRelative(fd, gw.toArray()[k], "dL/dW[" + k + "]");
        }
    }

    @Test
    void reEigGradientMatchesFiniteDifferencesOnBothSidesOfEpsilon() {
        SplittableRandom r = new SplittableRandom(2);
        ReEig re = new ReEig(0.3);
        Matrix x = spd(new double[] {2, 1.1, 0.5, 0.2, 0.05}, r);
        Matrix g = symmetric(5, r);
        checkInput(v -> inner(g, re.forward(v).y()), re.backward(re.forward(x), g), x);
    }

    @Test
    void logEigGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        LogEig log = new LogEig();
        Matrix x = spd(new double[] {4, 2, 1, 0.3, 0.1}, r);
        Matrix g = symmetric(5, r);
        checkInput(v -> inner(g, log.forward(v).y()), log.backward(log.forward(x), g), x);
    }

    /** Repeated eigenvalues: 1/(λ_i − λ_j) is undefined, the divided-difference limit gives the gradient. */
    @Test
    void eigenLayersStayExactForRepeatedEigenvalues() {
        SplittableRandom r = new SplittableRandom(4);
        Matrix x = spd(new double[] {2, 2, 0.7, 0.7, 0.7}, r);
        Matrix g = symmetric(5, r);
        LogEig log = new LogEig();
        Matrix an = log.backward(log.forward(x), g);
        assertTrue(an.isFinite());
        checkInput(v -> inner(g, log.forward(v).y()), an, x);
        ReEig re = new ReEig(0.5);
        checkInput(v -> inner(g, re.forward(v).y()), re.backward(re.forward(x), g), x);
        assertEquals(0.5, log.dividedDifference(2, 2), 0);
        assertEquals(Math.log(2 / 1.999999) / 1e-6, log.dividedDifference(2, 1.999999), 1e-9);
    }

    @Test
    void wholeNetworkGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(5);
        SpdNet net = SpdNet.initial(6, List.of(5, 3), 4, 0.05, true, r);
        Matrix x = spd(new double[] {3, 2, 1.2, 0.6, 0.3, 0.1}, r);
        double[] g = {0.3, -1.2, 0.7, 0.4};
        SpdNet.Gradients an = net.backward(net.forward(x), g);
        checkInput(v -> dot(g, net.embed(v)), an.input(), x);
        for (int l = 0; l < 2; l++) {
            double[] w = net.bimaps().get(l).w().toArray();
            int rows = net.bimaps().get(l).in();
            int cols = net.bimaps().get(l).out();
            for (int k = 0; k < w.length; k++) {
                double fd = 0;
                for (int s = -1; s <= 1; s += 2) {
                    double[] p = w.clone();
                    p[k] += s * H;
                    fd += s * dot(g, withWeight(net, l, Matrix.of(rows, cols, p)).embed(x)) / (2 * H);
                }
                assertRelative(fd, an.bimaps().get(l).toArray()[k], "BiMap " + l + " W[" + k + "]");
            }
        }
    }

    /** The network with one BiMap weight replaced (off the manifold for finite differences of the Euclidean gradient). */
    private static SpdNet withWeight(SpdNet net, int layer, Matrix w) {
        List<BiMap> layers = new java.util.ArrayList<>(net.bimaps());
        layers.set(layer, new BiMap(w));
        return new SpdNet(layers, net.reEig(), net.fc(), net.bias(), net.normalize());
    }

    private static void checkInput(Function<Matrix, Double> loss, Matrix grad, Matrix x) {
        int n = x.rows();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double[] e = new double[n * n];
                e[i * n + j] = 1;
                e[j * n + i] = 1;
                Matrix dir = Matrix.of(n, n, e);
                double fd = (loss.apply(x.plus(dir.scale(H))) - loss.apply(x.minus(dir.scale(H)))) / (2 * H);
                assertRelative(fd, inner(grad, dir), "direction (" + i + ", " + j + ")");
            }
        }
    }

    private static void assertRelative(double fd, double an, String what) {
        double scale = Math.max(Math.abs(fd), Math.abs(an));
        assertTrue(Math.abs(fd - an) <= 1e-6 * scale + 1e-10, what + ": finite difference " + fd + " vs analytic " + an);
    }

    static Matrix spd(double[] eigenvalues, SplittableRandom r) {
        int n = eigenvalues.length;
        Matrix q = BiMap.random(n, n, r).w();
        return q.times(Matrix.diagonal(eigenvalues)).times(q.transpose()).symmetrize();
    }

    private static Matrix symmetric(int n, SplittableRandom r) {
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Matrix.of(n, n, v).symmetrize();
    }

    private static double inner(Matrix a, Matrix b) {
        double s = 0;
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
