package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/** LFDA's local scatters against the pair-sum definition and an independent numpy computation. */
class LfdaTest {
    @Test
    void localScattersMatchThePairSumDefinition() {
        checkPairSums(LfdaLearner.Convention.SUGIYAMA);
    }

    /**
     * metric-learn's convention by brute force: σ_i² = i-th smallest squared distance from the class's
     * k-th point (column k of its distance matrix, sorted), S_b replaced by S_b + 2 S_w.
     */
    @Test
    void metricLearnConventionMatchesItsPairSumDefinition() {
        checkPairSums(LfdaLearner.Convention.METRIC_LEARN);
    }

    private static void checkPairSums(LfdaLearner.Convention convention) {
        Dataset data = Fixtures.gaussians(11, 9, 3, 3, 2.0);
        int k = 2;
        int n = data.size();
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[i][j] = org.metriclab.core.linalg.Vectors.squaredDistance(data.x().row(i), data.x().row(j));
            }
        }
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            final int fi = i;
            int[] same = java.util.stream.IntStream.range(0, n).filter(j -> data.labels().get(j) == data.labels().get(fi))
                    .toArray();
            if (convention == LfdaLearner.Convention.SUGIYAMA) {
                double[] sorted = java.util.Arrays.stream(same).mapToDouble(j -> dist[fi][j]).sorted().toArray();
                sigma[i] = Math.sqrt(sorted[k]);
            } else {
                int pointK = same[k];
                double[] column = java.util.Arrays.stream(same).mapToDouble(j -> dist[j][pointK]).sorted().toArray();
                int position = java.util.Arrays.binarySearch(same, i);
                sigma[i] = Math.sqrt(column[position]);
            }
        }
        double[][] sw = new double[3][3];
        double[][] sb = new double[3][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean same = data.labels().get(i) == data.labels().get(j);
                int nl = data.labels().indicesOf(data.labels().get(i)).length;
                double scale = sigma[i] * sigma[j];
                double a = same && scale > 0 ? Math.exp(-dist[i][j] / scale) : 0;
                double ww = same ? a / nl : 0;
                double wb = same ? a * (1.0 / n - 1.0 / nl) : 1.0 / n;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) {
                        double c = (data.x().get(i, p) - data.x().get(j, p)) * (data.x().get(i, q) - data.x().get(j, q));
                        sw[p][q] += 0.5 * ww * c;
                        sb[p][q] += 0.5 * wb * c;
                    }
                }
            }
        }
        Matrix expectedB = Matrix.of(sb);
        if (convention == LfdaLearner.Convention.METRIC_LEARN) {
            expectedB = expectedB.plus(Matrix.of(sw).scale(2));
        }
        Matrix[] ours = LfdaLearner.localScatters(data, k, convention);
        assertTrue(ours[0].maxAbsDifference(Matrix.of(sw)) < 1e-10, convention + " S_w");
        assertTrue(ours[1].maxAbsDifference(expectedB) < 1e-10, convention + " S_b");
    }

    /**
     * A problem large enough for the parallel path (Σ n_l² d ≥ 2·10⁶; n_l = 130, d = 45, neither a
     * multiple of the 4 × 4 tiles) and a tiny one against a plain-loop evaluation of the documented
     * formulas: σ from a sorted distance row, U_l = X_lᵀ(D − A)X_l with lx_i = Σ_j A_ij (x_i − x_j).
     */
    @Test
    void localScattersMatchPlainLoopsOnLargeAndTinyProblems() {
        for (Dataset data : new Dataset[] {Fixtures.gaussians(21, 130, 3, 45, 2.0), Fixtures.gaussians(22, 5, 3, 6, 1.0)}) {
            int k = 7;
            int n = data.size();
            int d = data.dim();
            double[][] sw = new double[d][d];
            double[][] sb = new double[d][d];
            double[] sTotal = new double[d];
            for (int c : data.labels().classes()) {
                int[] idx = data.labels().indicesOf(c);
                int nl = idx.length;
                double[][] x = new double[nl][];
                for (int i = 0; i < nl; i++) {
                    x[i] = data.x().row(idx[i]);
                }
                double[][] dist = new double[nl][nl];
                for (int i = 0; i < nl; i++) {
                    for (int j = 0; j < nl; j++) {
                        dist[i][j] = org.metriclab.core.linalg.Vectors.squaredDistance(x[i], x[j]);
                    }
                }
                double[] sigma = new double[nl];
                for (int i = 0; i < nl; i++) {
                    double[] row = dist[i].clone();
                    java.util.Arrays.sort(row);
                    sigma[i] = Math.sqrt(row[Math.min(k, nl - 1)]);
                }
                double[][] u = new double[d][d];
                double[][] g = new double[d][d];
                double[] s = new double[d];
                for (int i = 0; i < nl; i++) {
                    double[] lx = new double[d];
                    for (int j = 0; j < nl; j++) {
                        double scale = sigma[i] * sigma[j];
                        double a = i != j && scale > 0 ? Math.exp(-dist[i][j] / scale) : 0;
                        for (int t = 0; t < d; t++) {
                            lx[t] += a * (x[i][t] - x[j][t]);
                        }
                    }
                    for (int p = 0; p < d; p++) {
                        s[p] += x[i][p];
                        for (int q = 0; q < d; q++) {
                            u[p][q] += x[i][p] * lx[q];
                            g[p][q] += x[i][p] * x[i][q];
                        }
                    }
                }
                for (int p = 0; p < d; p++) {
                    sTotal[p] += s[p];
                    for (int q = 0; q < d; q++) {
                        sw[p][q] += u[p][q] / nl;
                        sb[p][q] += (1 - (double) nl / n) * g[p][q] + s[p] * s[q] / n + u[p][q] / n;
                    }
                }
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    sb[p][q] -= sTotal[p] * sTotal[q] / n + sw[p][q];
                }
            }
            Matrix[] ours = LfdaLearner.localScatters(data, k);
            double scale = Math.max(Matrix.of(sw).frobeniusNorm(), Matrix.of(sb).frobeniusNorm());
            assertTrue(ours[0].maxAbsDifference(Matrix.of(sw)) < 1e-11 * scale, n + " S_w");
            assertTrue(ours[1].maxAbsDifference(Matrix.of(sb)) < 1e-11 * scale, n + " S_b");
        }
    }

    @Test
    void eigenvaluesMatchTheNumpyReferenceOnIrisAndWine() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/lfda_numpy_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode r : ref.get("results")) {
            LfdaLearner.Convention convention = r.get("local_scaling").asText().equals("paper")
                    ? LfdaLearner.Convention.SUGIYAMA : LfdaLearner.Convention.METRIC_LEARN;
            Dataset train = SharedProtocol.prepare(r.get("dataset").asText()).train();
            Matrix[] s = LfdaLearner.localScatters(train, r.get("k").asInt(), convention);
            double[] ours = Eigen.generalized(s[1], s[0]).values();
            JsonNode expected = r.get("eigenvalues");
            for (int i = 0; i < ours.length; i++) {
                assertEquals(expected.get(i).asDouble(), ours[i], 1e-7 * expected.get(i).asDouble(),
                        r.get("dataset") + " " + convention + " λ" + i);
            }
            double[] acc = SharedProtocol.knnAccuracy(new LfdaLearner(r.get("k").asInt(), 0, Embedding.WEIGHTED, 1e-9, convention),
                    r.get("dataset").asText(), 0, 1, 5);
            assertEquals(r.get("knn1_acc").asDouble(), acc[0], 1e-12);
            assertEquals(r.get("knn5_acc").asDouble(), acc[1], 1e-12);
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void embeddingTypesRelateAsDocumented() {
        Dataset data = Fixtures.gaussians(12, 20, 3, 4, 2.0);
        Matrix plain = new LfdaLearner(3, 0, Embedding.PLAIN, 1e-9).fit(data, FitContext.seeded(0)).l();
        Matrix weighted = new LfdaLearner(3, 0, Embedding.WEIGHTED, 1e-9).fit(data, FitContext.seeded(0)).l();
        Matrix ortho = new LfdaLearner(3, 2, Embedding.ORTHONORMALIZED, 1e-9).fit(data, FitContext.seeded(0)).l();
        Matrix[] s = LfdaLearner.localScatters(data, 3);
        double[] lambda = Eigen.generalized(s[1], s[0], 1e-9).values();
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(plain.get(k, j) * Math.sqrt(Math.max(lambda[k], 0)), weighted.get(k, j), 1e-9);
            }
        }
        assertTrue(ortho.times(ortho.transpose()).maxAbsDifference(Matrix.identity(2)) < 1e-10, "orthonormal rows");
    }
}
