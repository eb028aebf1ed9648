package org.metriclab.deep.spd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/**
 * Stores an {@link SpdMetric} in the JSON model file as kind {@code spd_net}: the descriptor (name,
 * blocks, ridge), the input dimension, ReEig's ε, normalize, every BiMap weight and the dense layer as
 * {rows, cols, values} (float64, row-major).
 */
public final class SpdMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "spd_net";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof SpdMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        SpdMetric m = (SpdMetric) metric;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", m.descriptor().configName());
        if (m.descriptor() instanceof BlockCovariance b) {
            d.put("blocks", b.blocks());
        }
        d.put("ridge", m.descriptor().ridge());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("descriptor", d);
        out.put("input_dim", m.inputDim());
        out.put("reeig_epsilon", m.net().reEig().epsilon());
        out.put("normalize", m.net().normalize());
        out.put("bimaps", m.net().bimaps().stream().map(b -> matrix(b.w())).toList());
        if (m.net().fc() != null) {
            out.put("fc", matrix(m.net().fc()));
            out.put("bias", values(m.net().bias()));
        }
        return out;
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("descriptor") instanceof Map<?, ?> d) || !(state.get("input_dim") instanceof Number dim)
                || !(state.get("reeig_epsilon") instanceof Number eps) || !(state.get("normalize") instanceof Boolean normalize)
                || !(state.get("bimaps") instanceof List<?> bimaps)) {
            throw new IllegalArgumentException("an spd_net metric needs 'descriptor', 'input_dim', 'reeig_epsilon', 'normalize' and 'bimaps'");
        }
        double ridge = ((Number) d.get("ridge")).doubleValue();
        CovarianceDescriptor descriptor = switch (String.valueOf(d.get("name"))) {
            case "region" -> new RegionCovariance(ridge);
            case "blocks" -> new BlockCovariance(((Number) d.get("blocks")).intValue(), ridge);
            case "gaussian" -> new GaussianEmbedding(ridge);
            default -> throw new IllegalArgumentException("unknown covariance descriptor '" + d.get("name") + "'; expected region, blocks or gaussian");
        };
        List<BiMap> layers = new ArrayList<>();
        for (Object b : bimaps) {
            layers.add(new BiMap(matrix(b)).requireStiefel());
        }
        Matrix fc = state.containsKey("fc") ? matrix(state.get("fc")) : null;
        double[] bias = null;
        if (state.get("bias") instanceof List<?> l) {
            bias = l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return new SpdMetric(descriptor, dim.intValue(), new SpdNet(layers, new ReEig(eps.doubleValue()), fc, bias, normalize));
    }

    private static Map<String, Object> matrix(Matrix m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", m.rows());
        out.put("cols", m.cols());
        out.put("values", values(m.toArray()));
        return out;
    }

    private static Matrix matrix(Object o) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("rows") instanceof Number r) || !(m.get("cols") instanceof Number c)
                || !(m.get("values") instanceof List<?> v) || v.size() != r.intValue() * c.intValue()) {
            throw new IllegalArgumentException("an spd_net weight needs 'rows', 'cols' and rows×cols 'values'");
        }
        return Matrix.of(r.intValue(), c.intValue(), v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray());
    }

    private static List<Double> values(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }
}
