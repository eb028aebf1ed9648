package org.metriclab.experiments.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value of the parsed config tree together with its path, so every error names where it happened.
 * Maps are read key by key; {@link #rejectUnknown} fails on keys outside the schema.
 */
record Node(String path, Object value) {
    static Node root(Object tree) {
        return new Node("", tree);
    }

    boolean isMap() {
        return value instanceof Map<?, ?>;
    }

    boolean isList() {
        return value instanceof List<?>;
    }

    boolean isNull() {
        return value == null;
    }

    Map<String, Object> map() {
        if (!(value instanceof Map<?, ?> m)) {
            throw fail("expected a mapping (key: value), found " + describe(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    List<Node> list() {
        if (!(value instanceof List<?> l)) {
            throw fail("expected a list, found " + describe(value));
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(new Node(path + "[" + i + "]", l.get(i)));
        }
        return out;
    }

    Node get(String key) {
        return new Node(path.isEmpty() ? key : path + "." + key, map().get(key));
    }

    boolean has(String key) {
        return map().containsKey(key) && map().get(key) != null;
    }

    void rejectUnknown(Set<String> known) {
        for (String k : map().keySet()) {
            if (!known.contains(k)) {
                throw get(k).fail("unknown key '" + k + "'; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    String string() {
        if (value instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw fail("expected a non-empty string, found " + describe(value));
    }

    String string(String key, String fallback) {
        return has(key) ? get(key).string() : fallback;
    }

    /**
     * The exact 64-bit integer this value denotes. Integral doubles (1e3) count; numbers outside the
     * long range fail naming the range instead of being truncated or saturated.
     */
    long integer() {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        boolean integral = value instanceof BigInteger
                || value instanceof Double d && Double.isFinite(d) && d == Math.rint(d);
        if (!integral) {
            throw fail("expected an integer, found " + describe(value));
        }
        BigInteger b = value instanceof BigInteger big ? big : new BigDecimal((Double) value).toBigIntegerExact();
        if (b.bitLength() > 63) {
            throw fail("integer " + b + " is outside the 64-bit range " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
        return b.longValue();
    }

    /** An integer in [min, max], checked before narrowing; the message names the limit. */
    int intIn(int min, int max, String what) {
        long v = integer();
        if (v < min || v > max) {
            throw fail("expected " + what + " from " + min + " to " + max
                    + (max == Integer.MAX_VALUE ? " (the 32-bit limit)" : "") + ", found " + v);
        }
        return (int) v;
    }

    int intValue(String key, int fallback, int min) {
        return has(key) ? get(key).intIn(min, Integer.MAX_VALUE, "an integer") : fallback;
    }

    double number() {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw fail("expected a finite number, found " + describe(value));
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Node n = get(key);
        if (n.value instanceof Boolean b) {
            return b;
        }
        throw n.fail("expected true or false, found " + describe(n.value));
    }

    ConfigException fail(String message) {
        return new ConfigException(path, message);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing (null)";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return "'" + v + "'";
    }
}
