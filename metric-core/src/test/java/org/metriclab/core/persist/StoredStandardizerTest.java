package org.metriclab.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.distance.PreprocessedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;

/** A damaged stored standardisation is reported by field, with what is wrong. */
class StoredStandardizerTest {
    private static Map<String, Object> tree(Object mean, Object std, Object kept) {
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", "standardize");
        pre.put("mean", mean);
        pre.put("std", std);
        pre.put("kept", kept);
        Map<String, Object> metric = MetricCodecs.load().encode(new MahalanobisMetric(Matrix.identity(2)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MetricCodecs.KIND, "preprocessed");
        out.put("preprocessing", pre);
        out.put("metric", metric);
        return out;
    }

    private static String error(Map<String, Object> tree) {
        return assertThrows(IllegalArgumentException.class, () -> MetricCodecs.load().decode(tree)).getMessage();
    }

    @Test
    void aValidStandardizationRoundTrips() {
        LearnedMetric m = MetricCodecs.load().decode(tree(List.of(1.0, 2.0), List.of(0.5, 2.0), List.of(0, 1)));
        assertEquals(new Standardizer(new double[] {1, 2}, new double[] {0.5, 2}, new int[] {0, 1}), ((PreprocessedMetric) m).preprocessing());
    }

    @Test
    void aKeptIndexOutOfRangeIsNamedAsSuch() {
        String m = error(tree(List.of(1.0, 2.0), List.of(0.5, 2.0), List.of(0, 99)));
        assertTrue(m.contains("'kept[1]' = 99") && m.contains("not a feature index") && m.contains("indices 0..1"), m);
        m = error(tree(List.of(1.0, 2.0), List.of(0.5, 2.0), List.of(1, 0)));
        assertTrue(m.contains("ascending"), m);
        m = error(tree(List.of(1.0, 2.0), List.of(0.5, 2.0), List.of(0.5)));
        assertTrue(m.contains("'kept[0]' = 0.5"), m);
        m = error(tree(List.of(1.0, 2.0), List.of(0.5), List.of(0)));
        assertTrue(m.contains("'std' has 1 entries"), m);
    }

    @Test
    void storedValuesMustBeFinite() {
        String m = error(tree(List.of(1.0, 2.0), List.of(Double.POSITIVE_INFINITY, 2.0), List.of(0, 1)));
        assertTrue(m.contains("'std[0]' must be a finite number"), m);
    }
}
