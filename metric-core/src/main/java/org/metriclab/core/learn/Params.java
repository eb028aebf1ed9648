package org.metriclab.core.learn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed access to a learner's (or loss's, miner's) parameters. Values may come from YAML (numbers,
 * booleans, lists) or from the command line (strings); both are accepted. Every key read is recorded
 * with the value actually used, defaults included ({@link #resolved()}), and keys never read are
 * rejected by {@link #requireAllUsed(String)} with the list of known keys.
 *
 * <p>Not thread-safe: one instance binds one component.
 */
public final class Params {
    /** Longer integer text is not parsed: no int or long needs more than 20 characters. */
    private static final int MAX_INTEGER_TEXT = 40;
    /** Plain decimal notation; Java-only forms such as 1d, 0x1p3 or "Infinity" are not numbers here. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private final Map<String, Object> raw;
    private final Map<String, Object> resolved = new TreeMap<>();

    private Params(Map<String, Object> raw) {
        this.raw = raw;
    }

    public static Params of(Map<String, ?> raw) {
        Map<String, Object> copy = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException("parameter names must be non-blank");
            }
            copy.put(k, v);
        });
        return new Params(copy);
    }

    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /** Parses "k=v" strings (command line). */
    public static Params parse(List<String> assignments) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + a + "' must have the form name=value");
            }
            m.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return of(m);
    }

    /** The parameters as given, unresolved. */
    public Map<String, Object> raw() {
        return Collections.unmodifiableMap(raw);
    }

    public boolean has(String key) {
        return raw.containsKey(key);
    }

    /** An integer; values outside the int range fail with the key, the value and the limit. */
    public int getInt(String key, int fallback) {
        Object v = raw.get(key);
        int r = v == null ? fallback : (int) integral(key, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        resolved.put(key, r);
        return r;
    }

    /** A 64-bit integer; values outside the long range fail with the key, the value and the limit. */
    public long getLong(String key, long fallback) {
        Object v = raw.get(key);
        long r = v == null ? fallback : integral(key, v, Long.MIN_VALUE, Long.MAX_VALUE);
        resolved.put(key, r);
        return r;
    }

    /**
     * The exact integer a value denotes, checked against [min, max] before narrowing. Integral
     * doubles (1e3, 2.0) count as integers; fractions, non-finite values and text that is not an
     * integer do not.
     */
    private static long integral(String key, Object v, long min, long max) {
        String range = "an integer from " + min + " to " + max;
        BigInteger b = exactInteger(v);
        if (b == null) {
            throw ParamException.invalid(key, v, range);
        }
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ParamException.invalid(key, v, range + " (" + (max == Integer.MAX_VALUE ? "32" : "64") + "-bit limit)");
        }
        return b.longValueExact();
    }

    private static BigInteger exactInteger(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        try {
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                return Double.isFinite(d) ? new BigDecimal(d).toBigIntegerExact() : null;
            }
            if (v instanceof BigDecimal d) {
                return d.toBigIntegerExact();
            }
            String text = v.toString().trim();
            return text.isEmpty() || text.length() > MAX_INTEGER_TEXT ? null : new BigInteger(text);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** A finite number; NaN and infinities (also from numbers too large for a double) fail. */
    public double getDouble(String key, double fallback) {
        Object v = raw.get(key);
        double r = v == null ? fallback : finite(key, v, "a finite number");
        resolved.put(key, r);
        return r;
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = raw.get(key);
        boolean r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Boolean b) {
            r = b;
        } else {
            String s = v.toString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true")) {
                r = true;
            } else if (s.equals("false")) {
                r = false;
            } else {
                throw ParamException.invalid(key, v, "true or false");
            }
        }
        resolved.put(key, r);
        return r;
    }

    public String getString(String key, String fallback) {
        Object v = raw.get(key);
        String r = v == null ? fallback : v.toString();
        resolved.put(key, r);
        return r;
    }

    /** An enum constant by name, case-insensitive, '-' and '_' interchangeable; errors list the allowed names. */
    public <E extends Enum<E>> E getEnum(String key, E fallback) {
        Object v = raw.get(key);
        E r = fallback;
        if (v != null) {
            String s = v.toString().trim().replace('-', '_');
            r = null;
            for (E c : fallback.getDeclaringClass().getEnumConstants()) {
                if (c.name().equalsIgnoreCase(s)) {
                    r = c;
                }
            }
            if (r == null) {
                throw ParamException.invalid(key, v, "one of " + Arrays.stream(fallback.getDeclaringClass().getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
        resolved.put(key, r.name().toLowerCase(Locale.ROOT));
        return r;
    }

    /** A list of numbers, from a YAML list or a comma/space separated string. */
    public List<Double> getDoubleList(String key, List<Double> fallback) {
        Object v = raw.get(key);
        List<Double> r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof List<?> list) {
            r = new ArrayList<>();
            for (Object o : list) {
                r.add(finite(key, o, "a list of finite numbers"));
            }
        } else {
            r = new ArrayList<>();
            for (String s : v.toString().replace("[", "").replace("]", "").split("[,\\s]+")) {
                if (!s.isBlank()) {
                    r.add(finite(key, s, "a list of finite numbers"));
                }
            }
        }
        r = List.copyOf(r);
        resolved.put(key, r);
        return r;
    }

    private static double finite(String key, Object o, String expected) {
        double r;
        if (o instanceof Number n) {
            r = n.doubleValue();
        } else {
            String text = o.toString().trim();
            if (!DECIMAL.matcher(text).matches()) {
                throw ParamException.invalid(key, o, expected);
            }
            r = Double.parseDouble(text);
        }
        if (!Double.isFinite(r)) {
            throw ParamException.invalid(key, o, expected + " (at most " + Double.MAX_VALUE + " in magnitude)");
        }
        return r;
    }

    /** Every value actually used, defaults included, sorted by key. */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(new TreeMap<>(resolved));
    }

    /** Throws when a given key was never read: a typo or a parameter of another learner. */
    public void requireAllUsed(String owner) {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(resolved.keySet());
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw ParamException.unknown(List.copyOf(unknown), raw.get(first), owner, List.copyOf(new TreeSet<>(resolved.keySet())));
        }
    }

    @Override
    public String toString() {
        return "Params" + raw;
    }
}
