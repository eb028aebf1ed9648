package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

class InputValidationTest {
    private static final Matrix X = Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, 2}});
    private static final Labels Y = Labels.of(0, 0, 1);

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void unknownMeasureListsKnownNames() {
        String m = message(() -> RetrievalEvaluator.evaluateSelf(X, Y, List.of("precision_at_one"), 0));
        assertTrue(m.contains("precision_at_one") && m.contains("mean_average_precision_at_r") && m.contains("precision_at_<k>"), m);
        message(() -> RetrievalEvaluator.evaluateSelf(X, Y, List.of("precision_at_0"), 0));
        message(() -> RetrievalEvaluator.evaluateSelf(X, Y, List.of("knn_accuracy_05"), 0));
        message(() -> RetrievalEvaluator.evaluateSelf(X, Y, List.of("NMI_per_class"), 0));
        message(() -> RetrievalEvaluator.evaluateSelf(X, Y, List.of("roc_auc_per_class"), 0));
    }

    @Test
    void measureNamesParseBack() {
        for (String name : RetrievalEvaluator.measureNames()) {
            String concrete = name.replace("<k>", "5");
            assertEquals(concrete, Measure.parse(concrete).name());
        }
        assertTrue(RetrievalEvaluator.measureNames().containsAll(RetrievalEvaluator.defaultMeasures()));
    }

    @Test
    void shapeMismatchesAreNamed() {
        String m = message(() -> RetrievalEvaluator.evaluateSelf(X, Labels.of(0, 1), List.of("precision_at_1"), 0));
        assertTrue(m.contains("labels has 2 entries") && m.contains("3 rows"), m);
        m = message(() -> RetrievalEvaluator.evaluate(X, Y, Matrix.of(new double[][] {{0, 1, 2}}), Labels.of(0), List.of(), 0));
        assertTrue(m.contains("2 columns") && m.contains("3"), m);
        m = message(() -> RetrievalEvaluator.evaluate(X, Y, X, Labels.of(0), List.of(), 0));
        assertTrue(m.contains("reference labels"), m);
    }

    @Test
    void nonFiniteAndEmptyInputsAreRejected() {
        Matrix nan = Matrix.of(new double[][] {{0, 1}, {Double.NaN, 0}, {2, 2}});
        String m = message(() -> RetrievalEvaluator.evaluateSelf(nan, Y, List.of("precision_at_1"), 0));
        assertTrue(m.contains("finite") && m.contains("row 1, column 0"), m);
        Matrix inf = Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, Double.POSITIVE_INFINITY}});
        message(() -> RetrievalEvaluator.evaluate(X, Y, inf, Y, List.of("precision_at_1"), 0));
        Matrix huge = Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, 1e200}});
        assertTrue(message(() -> RetrievalEvaluator.evaluateSelf(huge, Y, List.of("precision_at_1"), 0)).contains("squared norm"));
        m = message(() -> RetrievalEvaluator.evaluateSelf(Matrix.zeros(0, 2), Labels.of(), List.of("precision_at_1"), 0));
        assertTrue(m.contains("empty"), m);
        message(() -> RetrievalEvaluator.evaluateSelf(X, null, List.of("precision_at_1"), 0));
        message(() -> RetrievalEvaluator.evaluateSelf(new float[] {1, 2, 3}, 2, new int[] {0, 1}, List.of(), 0));
        message(() -> MutualInformation.nmi(new int[] {0, 1}, new int[] {0}));
    }

    @Test
    void float32InputEqualsWidenedFloat64() {
        float[] f = {0.1f, 0.7f, 1.3f, -0.2f, 2.5f, 2.25f, 0.3f, 0.3f};
        double[][] d = new double[4][2];
        for (int i = 0; i < 8; i++) {
            d[i / 2][i % 2] = f[i];
        }
        int[] y = {0, 1, 0, 1};
        List<String> ms = List.of("precision_at_1", "mean_average_precision", "roc_auc");
        assertEquals(RetrievalEvaluator.evaluateSelf(Matrix.of(d), Labels.of(y), ms, 0),
                RetrievalEvaluator.evaluateSelf(f, 2, y, ms, 0));
    }
}
