package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * The parameters of a nested component (a loss or miner) inside an outer parameter set: every key
 * {@code prefix + NAME} of {@code outer} is the component's {@code NAME}.
 */
public record NestedParams(Params outer, String prefix) {

    /** The component's raw values, keyed without the prefix, in the outer order. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        outer.raw().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * Reads the component's bound values back through the outer parameters, so that they count as used
     * and their defaults show in {@link Params#resolved()}.
     */
    public void readBack(Map<String, Object> bound) {
        bound.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Boolean b) {
                outer.getBoolean(key, b);
            } else if (v instanceof Integer i) {
                outer.getInt(key, i);
            } else if (v instanceof Number n) {
                outer.getDouble(key, n.doubleValue());
            } else {
                outer.getString(key, v == null ? null : v.toString());
            }
        });
    }
}
