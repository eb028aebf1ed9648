package org.metriclab.spectral;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/**
 * Stores a {@link KernelMetric} as kind "kernel_spectral": kernel {type, gamma, degree, coef0},
 * points (rows), coefficients (rows), column_means, grand_mean.
 */
public final class KernelMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "kernel_spectral";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof KernelMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        KernelMetric k = (KernelMetric) metric;
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("type", k.kernel().type().key());
        kernel.put("gamma", k.kernel().gamma());
        kernel.put("degree", k.kernel().degree());
        kernel.put("coef0", k.kernel().coef0());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kernel", kernel);
        out.put("points", MetricCodecs.rows(k.points()));
        out.put("coefficients", MetricCodecs.rows(k.coefficients()));
        out.put("column_means", MetricCodecs.list(k.columnMeans()));
        out.put("grand_mean", k.grandMean());
        return out;
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("kernel") instanceof Map<?, ?> kernel)) {
            throw new IllegalArgumentException("field 'kernel' must be an object with type, gamma, degree, coef0");
        }
        Kernel.Type type;
        try {
            type = Kernel.Type.valueOf(String.valueOf(kernel.get("type")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'kernel.type' must be rbf, polynomial or linear, got " + kernel.get("type"), e);
        }
        Kernel k = new Kernel(type, number(kernel.get("gamma"), "kernel.gamma"), (int) number(kernel.get("degree"), "kernel.degree"),
                number(kernel.get("coef0"), "kernel.coef0"));
        return new KernelMetric(k, MetricCodecs.matrix(state.get("points"), "points"),
                MetricCodecs.matrix(state.get("coefficients"), "coefficients"),
                MetricCodecs.vector(state.get("column_means"), "column_means"), number(state.get("grand_mean"), "grand_mean"));
    }

    private static double number(Object v, String field) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, found " + v);
        }
        return n.doubleValue();
    }
}
