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
