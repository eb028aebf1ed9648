package org.metriclab.core.persist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/** All metric codecs on the class path: encode any known metric to a plain tree and decode it back. */
public final class MetricCodecs {
    public static final String KIND = "kind";
    private final Map<String, MetricCodec> byKind;

    private MetricCodecs(Map<String, MetricCodec> byKind) {
        this.byKind = byKind;
    }

    public static MetricCodecs load() {
        Map<String, MetricCodec> m = new TreeMap<>();
        List<MetricCodec> all = new ArrayList<>(CoreCodecs.all());
        ServiceLoader.load(MetricCodec.class).forEach(all::add);
        for (MetricCodec c : all) {
            MetricCodec prev = m.put(c.kind(), c);
            if (prev != null && prev.getClass() != c.getClass()) {
                throw new IllegalStateException("metric kind '" + c.kind() + "' is claimed by " + prev.getClass().getName()
                        + " and " + c.getClass().getName());
            }
        }
        return new MetricCodecs(m);
    }

    public Map<String, Object> encode(LearnedMetric metric) {
        for (MetricCodec c : byKind.values()) {
            if (c.canEncode(metric)) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(KIND, c.kind());
                out.putAll(c.encode(metric, this));
                return out;
            }
        }
        throw new IllegalArgumentException("no codec can store a " + metric.getClass().getName() + "; known kinds: " + byKind.keySet());
    }

    @SuppressWarnings("unchecked")
    public LearnedMetric decode(Object tree) {
        if (!(tree instanceof Map<?, ?> map) || !(map.get(KIND) instanceof String kind)) {
            throw new IllegalArgumentException("a stored metric must be an object with a string field 'kind'");
        }
        MetricCodec c = byKind.get(kind);
        if (c == null) {
            throw new IllegalArgumentException("unknown metric kind '" + kind + "'; known: " + byKind.keySet());
        }
        return c.decode((Map<String, Object>) map, this);
    }

    /** A matrix as a list of rows. */
    public static List<List<Double>> rows(Matrix m) {
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < m.rows(); i++) {
            List<Double> r = new ArrayList<>();
            for (double v : m.row(i)) {
                r.add(v);
            }
            rows.add(r);
        }
        return rows;
    }

    /** A list of rows back into a matrix, with a clear error when it is not one. */
    public static Matrix matrix(Object value, String field) {
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty list of rows");
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(rows.get(i), field + "[" + i + "]");
        }
        return Matrix.of(out);
    }

    public static double[] vector(Object value, String field) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("field '" + field + "' must be a list of numbers");
        }
        double[] v = new double[list.size()];
        for (int j = 0; j < v.length; j++) {
            if (!(list.get(j) instanceof Number n)) {
                throw new IllegalArgumentException("field '" + field + "[" + j + "]' must be a number, found " + list.get(j));
            }
            v[j] = n.doubleValue();
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException("field '" + field + "[" + j + "]' must be a finite number, found " + list.get(j));
            }
        }
        return v;
    }

    /** A number as written in a message: integral values without a fraction ({@code 99}, not {@code 99.0}). */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static List<Double> list(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double x : v) {
            l.add(x);
        }
        return l;
    }
}
