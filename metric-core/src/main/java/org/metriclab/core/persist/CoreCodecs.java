package org.metriclab.core.persist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.distance.PreprocessedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Pca;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.core.preprocess.Transform;

/** Codecs for metric-core's own metric types. */
final class CoreCodecs {
    private CoreCodecs() {
    }

    static List<MetricCodec> all() {
        List<MetricCodec> all = new ArrayList<>(List.of(
                new TypedCodec<>("mahalanobis", MahalanobisMetric.class, (m, codecs) -> Map.of("L", MetricCodecs.rows(m.l())),
                        (state, codecs) -> new MahalanobisMetric(MetricCodecs.matrix(state.get("L"), "L"))),
                new TypedCodec<>("preprocessed", PreprocessedMetric.class, CoreCodecs::preprocessed,
                        (state, codecs) -> new PreprocessedMetric(transform(state.get("preprocessing")), codecs.decode(state.get("metric"))))));
        all.addAll(ScalingCodecs.all());
        return List.copyOf(all);
    }

    private static Map<String, Object> preprocessed(PreprocessedMetric p, MetricCodecs codecs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("preprocessing", transform(p.preprocessing()));
        out.put("metric", codecs.encode(p.metric()));
        return out;
    }

    private static Map<String, Object> transform(Transform t) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (t instanceof Standardizer s) {
            out.put("type", "standardize");
            out.put("mean", MetricCodecs.list(s.mean()));
            out.put("std", MetricCodecs.list(s.std()));
            out.put("kept", Arrays.stream(s.kept()).boxed().toList());
        } else if (t instanceof Pca p) {
            out.put("type", "pca");
            out.put("mean", MetricCodecs.list(p.mean()));
            out.put("components", MetricCodecs.rows(p.components()));
            out.put("explained_variance", MetricCodecs.list(p.explainedVariance()));
        } else {
            throw new IllegalArgumentException("cannot store preprocessing " + t.getClass().getName());
        }
        return out;
    }

    /**
     * A standardisation from its stored fields, with the shapes checked here so that a damaged
     * file is reported as such: {@code mean} and {@code std} have one entry per input feature and
     * {@code kept} lists distinct feature indices in ascending order.
     */
    private static Standardizer standardizer(double[] mean, double[] std, double[] keptValues) {
        if (std.length != mean.length) {
            throw new IllegalArgumentException("field 'std' has " + std.length + " entries but 'mean' has " + mean.length
                    + "; both need one per input feature");
        }
        int[] kept = new int[keptValues.length];
        for (int k = 0; k < kept.length; k++) {
            double v = keptValues[k];
            if (v != Math.rint(v) || v < 0 || v >= mean.length) {
                throw new IllegalArgumentException("field 'kept[" + k + "]' = " + MetricCodecs.plain(v) + " is not a feature index: the model has "
                        + mean.length + " input features (indices 0.." + (mean.length - 1) + ")");
            }
            kept[k] = (int) v;
            if (k > 0 && kept[k] <= kept[k - 1]) {
                throw new IllegalArgumentException("field 'kept' must list distinct feature indices in ascending order, found "
                        + kept[k - 1] + " before " + kept[k]);
            }
        }
        return new Standardizer(mean, std, kept);
    }

    private static Transform transform(Object tree) {
        if (!(tree instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            throw new IllegalArgumentException("field 'preprocessing' must be an object with a 'type'");
        }
        return switch (type) {
            case "standardize" -> standardizer(MetricCodecs.vector(m.get("mean"), "mean"), MetricCodecs.vector(m.get("std"), "std"),
                    MetricCodecs.vector(m.get("kept"), "kept"));
            case "pca" -> {
                Matrix comps = MetricCodecs.matrix(m.get("components"), "components");
                yield new Pca(MetricCodecs.vector(m.get("mean"), "mean"), comps,
                        MetricCodecs.vector(m.get("explained_variance"), "explained_variance"));
            }
            default -> throw new IllegalArgumentException("unknown preprocessing type '" + type + "'; known: standardize, pca");
        };
    }
}
