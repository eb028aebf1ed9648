package org.metriclab.core.persist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
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
        List<MetricCodec> all = new ArrayList<>(List.of(new Mahalanobis(), new Preprocessed()));
        all.addAll(ScalingCodecs.all());
        return List.copyOf(all);
    }

    private static final class Mahalanobis implements MetricCodec {
        @Override
        public String kind() {
            return "mahalanobis";
        }

        @Override
        public boolean canEncode(LearnedMetric metric) {
            return metric instanceof MahalanobisMetric;
        }

        @Override
        public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
            return Map.of("L", MetricCodecs.rows(((MahalanobisMetric) metric).l()));
        }

        @Override
        public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
            return new MahalanobisMetric(MetricCodecs.matrix(state.get("L"), "L"));
        }
    }

    private static final class Preprocessed implements MetricCodec {
        @Override
        public String kind() {
            return "preprocessed";
        }

        @Override
        public boolean canEncode(LearnedMetric metric) {
            return metric instanceof PreprocessedMetric;
        }

        @Override
        public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
            PreprocessedMetric p = (PreprocessedMetric) metric;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("preprocessing", transform(p.preprocessing()));
            out.put("metric", codecs.encode(p.metric()));
            return out;
        }

        @Override
        public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
            return new PreprocessedMetric(transform(state.get("preprocessing")), codecs.decode(state.get("metric")));
        }

        private static Map<String, Object> transform(Transform t) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (t instanceof Standardizer s) {
                out.put("type", "standardize");
                out.put("mean", MetricCodecs.list(s.mean()));
                out.put("std", MetricCodecs.list(s.std()));
                out.put("kept", java.util.Arrays.stream(s.kept()).boxed().toList());
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

        private static Transform transform(Object tree) {
            if (!(tree instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
                throw new IllegalArgumentException("field 'preprocessing' must be an object with a 'type'");
            }
            return switch (type) {
                case "standardize" -> new Standardizer(MetricCodecs.vector(m.get("mean"), "mean"),
                        MetricCodecs.vector(m.get("std"), "std"),
                        java.util.Arrays.stream(MetricCodecs.vector(m.get("kept"), "kept")).mapToInt(v -> (int) v).toArray());
                case "pca" -> {
                    Matrix comps = MetricCodecs.matrix(m.get("components"), "components");
                    yield new Pca(MetricCodecs.vector(m.get("mean"), "mean"), comps,
                            MetricCodecs.vector(m.get("explained_variance"), "explained_variance"));
                }
                default -> throw new IllegalArgumentException("unknown preprocessing type '" + type + "'; known: standardize, pca");
            };
        }
    }
}
