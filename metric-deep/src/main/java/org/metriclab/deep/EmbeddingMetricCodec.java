package org.metriclab.deep;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/**
 * Stores an {@link EmbeddingMetric} in the JSON model file as kind {@code deep_embedding}: the network
 * spec, the input dimension, every weight array as base64 of little-endian float32 values, and the
 * training log (epoch losses, validation MAP@R, kept epoch, iterations, samples/s).
 */
public final class EmbeddingMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "deep_embedding";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof EmbeddingMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        EmbeddingMetric m = (EmbeddingMetric) metric;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("network", m.spec().toMap());
        out.put("input_dim", m.inputDim());
        Map<String, Object> w = new LinkedHashMap<>();
        m.weights().forEach((k, v) -> {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                b.putFloat(f);
            }
            w.put(k, Base64.getEncoder().encodeToString(b.array()));
        });
        out.put("weights_f32le_base64", w);
        TrainingLog log = m.trainingLog();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("epoch_loss", log.epochLoss());
        l.put("validation_map_at_r", log.validationMapAtR());
        l.put("kept_epoch", log.keptEpoch());
        l.put("iterations", log.iterations());
        l.put("samples_per_second", log.samplesPerSecond());
        out.put("training", l);
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("network") instanceof Map<?, ?> net) || !(state.get("input_dim") instanceof Number dim)
                || !(state.get("weights_f32le_base64") instanceof Map<?, ?> w)) {
            throw new IllegalArgumentException("a deep_embedding metric needs 'network' (object), 'input_dim' (number) and 'weights_f32le_base64' (object)");
        }
        LinkedHashMap<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : w.entrySet()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(e.getValue().toString());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("weight '" + e.getKey() + "' is not valid base64", ex);
            }
            if (bytes.length % 4 != 0) {
                throw new IllegalArgumentException("weight '" + e.getKey() + "' does not hold whole float32 values");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[bytes.length / 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getFloat();
            }
            weights.put(e.getKey().toString(), v);
        }
        TrainingLog log = TrainingLog.empty();
        if (state.get("training") instanceof Map<?, ?> l) {
            log = new TrainingLog(doubles(l.get("epoch_loss")), doubles(l.get("validation_map_at_r")),
                    ((Number) l.get("kept_epoch")).intValue(), ((Number) l.get("iterations")).longValue(),
                    ((Number) l.get("samples_per_second")).doubleValue());
        }
        return new EmbeddingMetric(NetSpec.fromMap((Map<String, Object>) net), dim.intValue(), weights, log);
    }

    private static List<Double> doubles(Object o) {
        List<Double> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object v : l) {
                out.add(((Number) v).doubleValue());
            }
        }
        return out;
    }
}
