package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/** SCML against metric-learn 0.7.0 (numbers in metric_learn_scml_reference.json). */
class ScmlReferenceTest {
    private static final double SLACK = 0.02;
    private static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ScmlReferenceTest.class.getResourceAsStream("/metric_learn_scml_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            m[i] = new double[n.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    @Test
    void ldaDirectionsMatchScikitLearnsUnitScalings() {
        Dataset train = SharedProtocol.prepare("iris").train();
        double[][] ours = LocalLda.fit(train.x().toRows(), train.labels().toArray()).directions();
        double[][] theirs = matrix(ref.get("iris_lda_unit_scalings"));
        assertEquals(theirs.length, ours.length);
        for (int k = 0; k < theirs.length; k++) {
            double sign = Math.signum(ours[k][0] * theirs[k][0]);
            for (int a = 0; a < theirs[k].length; a++) {
                assertEquals(theirs[k][a], sign * ours[k][a], 1e-9, "direction " + k + ", feature " + a);
            }
        }
    }

    /**
     * Local problems of the digits basis: several pixels are constant on these rows, so the LDA must
     * leave them out exactly rather than scale their rounding residuals up to unit variance; around
     * row 13 the within-class scatter is moreover singular (the truncated eigendecomposition path).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void digitsLocalLdaDirectionsMatchScikitLearn(int caseIndex) {
        Dataset train = SharedProtocol.prepare("digits").train();
        JsonNode c = ref.get("digits_local_lda").get("cases").get(caseIndex);
        double[][] x = train.x().toRows();
        int[] y = train.labels().toArray();
        JsonNode rows = c.get("rows");
        double[][] lx = new double[rows.size()][];
        int[] ly = new int[rows.size()];
        for (int i = 0; i < lx.length; i++) {
            lx[i] = x[rows.get(i).asInt()];
            ly[i] = y[rows.get(i).asInt()];
        }
        assertSameDirections(matrix(c.get("unit_scalings")), LocalLda.fit(lx, ly).directions(), 1e-9);
    }

    /**
     * A within-class scatter with an eigenvalue (7.7e-9) below the rank threshold 1e-8 although every
     * Cholesky pivot exceeds 1e-4: scikit-learn drops that near-null direction, so the LDA must too
     * (inverting it would make the directions follow the difference of the two almost collinear features).
     */
    @Test
    void nearNullWithinClassDirectionIsDroppedAsScikitLearnDoes() {
        JsonNode c = ref.get("near_singular_lda");
        int[] y = new int[c.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.get("y").get(i).asInt();
        }
        double[][] x = matrix(c.get("x"));
        // the case is what it claims: smallest eigenvalue below 1e-8, smallest pivot above 1e-4
        assertTrue(min(c.get("within_eigenvalues")) < LocalLda.RANK_TOLERANCE * LocalLda.RANK_TOLERANCE);
        assertTrue(min(c.get("cholesky_pivots")) > LocalLda.RANK_TOLERANCE);
        assertSameDirections(matrix(c.get("unit_scalings")), LocalLda.fit(x, y).directions(), 1e-6);
    }

    private static double min(JsonNode values) {
        double m = Double.POSITIVE_INFINITY;
        for (JsonNode v : values) {
            m = Math.min(m, v.asDouble());
        }
        return m;
    }

    /** Each of ours equals theirs up to sign, entry by entry within {@code tolerance}. */
    private static void assertSameDirections(double[][] theirs, double[][] ours, double tolerance) {
        assertEquals(theirs.length, ours.length);
        for (int k = 0; k < theirs.length; k++) {
            double dot = 0;
            for (int a = 0; a < theirs[k].length; a++) {
                dot += ours[k][a] * theirs[k][a];
            }
            double sign = Math.signum(dot);
            for (int a = 0; a < theirs[k].length; a++) {
                assertEquals(theirs[k][a], sign * ours[k][a], tolerance, "direction " + k + ", feature " + a);
            }
        }
    }

    @Test
    void oneTripletDualAveragingReproducesMetricLearnExactly() {
        JsonNode c = ref.get("one_triplet");
        double[][] basis = matrix(c.get("basis"));
        double[][] points = matrix(c.get("points"));
        ScmlProblem p = ScmlProblem.of(points, basis, new Triplets(new int[] {0}, new int[] {1}, new int[] {2}));
        for (JsonNode run : c.get("runs")) {
            ScmlDualAveraging solver = new ScmlDualAveraging(c.get("beta").asDouble(), c.get("gamma").asDouble(),
                    run.get("max_iter").asInt(), run.get("output_iter").asInt(), c.get("batch_size").asInt(), 0);
            FitContext ctx = FitContext.seeded(0);
            ScmlDualAveraging.Result r = solver.solve(p, ctx.random("scml"), "scml", ctx.progress());
            Matrix m = ScmlLearner.weightsToMetric(new ScmlBasis(basis), r, 2, ctx).m();
            double[][] expected = matrix(run.get("m"));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected[i][j], m.get(i, j), 1e-9 * Math.abs(expected[i][j]), "M[" + i + "][" + j + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris", "wine", "breast_cancer", "digits"})
    void accuracyAtMostTwoPointsBelowMetricLearn(String dataset) {
        JsonNode r = ref.get("accuracy").get(dataset);
        ScmlLearner scml = ScmlLearner.from(Params.of(Map.of()));
        int seeds = 5;
        double[] acc = new double[2];
        for (int seed = 0; seed < seeds; seed++) {
            double[] a = SharedProtocol.knnAccuracy(scml, dataset, seed, 1, 5);
            acc[0] += a[0] / seeds;
            acc[1] += a[1] / seeds;
        }
        System.out.printf("scml %s: 1-NN %.4f (metric-learn %.4f), 5-NN %.4f (metric-learn %.4f)%n", dataset, acc[0],
                r.get("knn1_acc").asDouble(), acc[1], r.get("knn5_acc").asDouble());
        assertTrue(acc[0] >= r.get("knn1_acc").asDouble() - SLACK, dataset + " 1-NN " + acc[0]);
        assertTrue(acc[1] >= r.get("knn5_acc").asDouble() - SLACK, dataset + " 5-NN " + acc[1]);
    }

    @Test
    void fitsAMahalanobisMetricOfTheInputDimension() {
        Dataset train = SharedProtocol.prepare("wine").train();
        MahalanobisMetric m = ScmlLearner.from(Params.of(Map.of("max_iter", 500))).fit(train, FitContext.seeded(1));
        assertEquals(train.dim(), m.inputDim());
    }
}
