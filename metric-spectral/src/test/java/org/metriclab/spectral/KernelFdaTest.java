package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

/** Kernel FDA: brute-force kernel scatters, out-of-sample embedding, persistence, nonlinear separation. */
class KernelFdaTest {
    static Dataset rings(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double angle = r.nextDouble() * 2 * Math.PI;
            double radius = (y[i] == 0 ? 1.0 : 3.0) + 0.2 * r.nextGaussian();
            x[2 * i] = radius * Math.cos(angle);
            x[2 * i + 1] = radius * Math.sin(angle);
        }
        return new Dataset("rings", Matrix.of(n, 2, x), Labels.of(y));
    }

    @Test
    void coefficientsSolveTheKernelFisherProblem() {
        Dataset data = Fixtures.gaussians(41, 8, 3, 2, 2.0);
        int n = data.size();
        KernelFdaLearner learner = new KernelFdaLearner(Kernel.Type.RBF, 0.5, 3, 1, 1e-3, 2);
        KernelMetric m = learner.fit(data, FitContext.seeded(0));
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = Math.exp(-0.5 * org.metriclab.core.linalg.Vectors.squaredDistance(data.x().row(i), data.x().row(j)));
            }
        }
        double[][] kc = new double[n][n];
        double[] rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowMean[i] += k[i][j] / n;
                all += k[i][j] / n / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kc[i][j] = k[i][j] - rowMean[i] - rowMean[j] + all;
            }
        }
        double[][] mk = new double[n][n];
        double[][] nk = new double[n][n];
        for (int c : data.labels().classes()) {
            int[] idx = data.labels().indicesOf(c);
            double[] mu = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j : idx) {
                    mu[i] += kc[i][j] / idx.length;
                }
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    mk[a][b] += idx.length * mu[a] * mu[b];
                    for (int j : idx) {
                        nk[a][b] += (kc[a][j] - mu[a]) * (kc[b][j] - mu[b]);
                    }
                }
            }
        }
        Matrix nr = Matrix.of(nk).plusIdentity(1e-3 * Matrix.of(nk).trace() / n);
        Matrix t = m.coefficients();
        Matrix tnt = t.transpose().times(nr).times(t);
        assertTrue(tnt.maxAbsDifference(Matrix.identity(2)) < 1e-6, "Tᵀ(N_K + εI)T = I: " + tnt);
        Matrix lam = t.transpose().times(Matrix.of(mk)).times(t);
        Matrix lhs = Matrix.of(mk).times(t);
        Matrix rhs = nr.times(t);
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < n; i++) {
                assertEquals(lhs.get(i, p), lam.get(p, p) * rhs.get(i, p), 1e-6 * (1 + Math.abs(lhs.get(i, p))), "M_K t = λ N_K t");
            }
        }
        Matrix train = m.embed(data.x());
        Matrix expected = Matrix.of(kc).times(t);
        assertTrue(train.maxAbsDifference(expected) < 1e-9, "embedding of a training point = its centred kernel column · T");
    }

    @Test
    void rbfKernelSeparatesConcentricRingsWhereLinearFdaCannot() {
        Dataset train = rings(1, 200);
        Dataset test = rings(2, 200);
        LearnedMetric kernel = new KernelFdaLearner(Kernel.Type.RBF, 0, 3, 1, 1e-3, 0).fit(train, FitContext.seeded(0));
        LearnedMetric linear = new FdaLearner(0, 1e-6, Embedding.PLAIN).fit(train, FitContext.seeded(0));
        double accKernel = SharedProtocol.knnAccuracy(kernel.embed(train.x()), train.labels().toArray(), kernel.embed(test.x()),
                test.labels().toArray(), 1);
        double accLinear = SharedProtocol.knnAccuracy(linear.embed(train.x()), train.labels().toArray(), linear.embed(test.x()),
                test.labels().toArray(), 1);
        assertTrue(accKernel > 0.97, "kernel FDA 1-NN " + accKernel);
        assertTrue(accLinear < 0.8, "linear FDA 1-NN " + accLinear);
        LearnedMetric poly = new KernelFdaLearner(Kernel.Type.POLYNOMIAL, 1, 2, 1, 1e-3, 0).fit(train, FitContext.seeded(0));
        double accPoly = SharedProtocol.knnAccuracy(poly.embed(train.x()), train.labels().toArray(), poly.embed(test.x()),
                test.labels().toArray(), 1);
        assertTrue(accPoly > 0.97, "degree-2 polynomial kernel FDA 1-NN " + accPoly);
    }

    @Test
    void modelsRoundTripThroughTheRegisteredCodec() {
        Dataset train = rings(3, 40);
        KernelMetric m = new KernelFdaLearner(Kernel.Type.POLYNOMIAL, 0.5, 2, 1, 1e-3, 0).fit(train, FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        Map<String, Object> tree = codecs.encode(m);
        assertEquals("kernel_spectral", tree.get("kind"));
        LearnedMetric back = codecs.decode(tree);
        Dataset unseen = rings(4, 10);
        assertEquals(m.embed(unseen.x()), back.embed(unseen.x()), "decoded model embeds identically");
        Map<String, Object> broken = new java.util.LinkedHashMap<>(tree);
        broken.put("kernel", Map.of("type", "sigmoid", "gamma", 1.0, "degree", 1, "coef0", 0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codecs.decode(broken));
        assertTrue(e.getMessage().contains("rbf, polynomial or linear"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.embed(new double[3]));
    }
}
