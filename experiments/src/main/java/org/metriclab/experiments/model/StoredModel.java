package org.metriclab.experiments.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.experiments.jackson.Trees;

/**
 * A fitted model as stored in a model file (JSON, no Java serialization): the learned metric (with
 * any preprocessing it applies, e.g. the train-only standardisation), what produced it, and the
 * training data's format, so {@code transform} can check an input file's columns.
 *
 * <pre>{"format": "metriclab-model", "version": 1, "learner": "covariance", "params": {...}, "seed": 0,
 *  "standardize": true, "trained_on": "iris", "features": ["sepal_length", ...], "label_column": "label",
 *  "metric": {"kind": "preprocessed", ...}}</pre>
 */
public record StoredModel(String learner, Map<String, Object> params, long seed, boolean standardize, String trainedOn,
        List<String> features, String labelColumn, LearnedMetric metric) {
    public static final String FORMAT = "metriclab-model";
    public static final int VERSION = 1;

    public StoredModel {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        features = List.copyOf(features);
        if (features.size() != metric.inputDim()) {
            throw new IllegalArgumentException(features.size() + " feature names for a metric of " + metric.inputDim() + " inputs");
        }
    }

    public Map<String, Object> toTree(MetricCodecs codecs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("learner", learner);
        m.put("params", params);
        m.put("seed", seed);
        m.put("standardize", standardize);
        m.put("trained_on", trainedOn);
        m.put("features", features);
        m.put("label_column", labelColumn);
        m.put("metric", codecs.encode(metric));
        return m;
    }

    /** Reads a model file; a missing file or a directory is an error naming the path. */
    public static StoredModel read(Path file, MetricCodecs codecs) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory; expected a model JSON file (written by metriclab fit)");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file; expected a model JSON file (written by metriclab fit)");
        }
        return fromTree(Trees.readJson(file), codecs, file.toString());
    }

    public static StoredModel fromTree(Object tree, MetricCodecs codecs, String source) {
        if (!(tree instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(source + ": not a MetricLab model file (expected a JSON object with \"format\": \"" + FORMAT + "\")");
        }
        Object version = m.get("version");
        if (!(version instanceof Integer || version instanceof Long)) {
            throw new IllegalArgumentException(source + ": field 'version' must be the integer " + VERSION + ", found "
                    + (version instanceof String t ? "the string \"" + t + "\"" : String.valueOf(version)));
        }
        if (((Number) version).longValue() != VERSION) {
            throw new IllegalArgumentException(source + ": unsupported model version " + version + "; this build reads version " + VERSION);
        }
        try {
            Map<String, Object> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, val) -> params.put(String.valueOf(k), val));
            }
            List<String> features = ((List<?>) m.get("features")).stream().map(String::valueOf).toList();
            return new StoredModel(String.valueOf(m.get("learner")), params, ((Number) m.get("seed")).longValue(),
                    Boolean.TRUE.equals(m.get("standardize")), String.valueOf(m.get("trained_on")), features,
                    String.valueOf(m.get("label_column")), codecs.decode(m.get("metric")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(source + ": malformed model file (fields features, seed and metric are required)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
