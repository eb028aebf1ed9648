package org.metriclab.core.learn;

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

    public int getInt(String key, int fallback) {
        Object v = raw.get(key);
        int r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            r = Math.toIntExact(n.longValue());
        } else {
            try {
                r = Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "an integer");
            }
        }
        resolved.put(key, r);
        return r;
    }

    public long getLong(String key, long fallback) {
        Object v = raw.get(key);
        long r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            r = n.longValue();
        } else {
            try {
                r = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "an integer");
            }
        }
        resolved.put(key, r);
        return r;
    }

    public double getDouble(String key, double fallback) {
        Object v = raw.get(key);
        double r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n) {
            r = n.doubleValue();
        } else {
            try {
                r = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number");
            }
        }
        if (Double.isNaN(r)) {
            throw bad(key, v, "a number (not NaN)");
        }
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
                throw bad(key, v, "true or false");
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
                throw bad(key, v, "one of " + Arrays.stream(fallback.getDeclaringClass().getEnumConstants())
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
                r.add(toDouble(key, o));
            }
        } else {
            r = new ArrayList<>();
            for (String s : v.toString().replace("[", "").replace("]", "").split("[,\\s]+")) {
                if (!s.isBlank()) {
                    r.add(toDouble(key, s));
                }
            }
        }
        r = List.copyOf(r);
        resolved.put(key, r);
        return r;
    }

    private double toDouble(String key, Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(o.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, o, "a list of numbers");
        }
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
            throw new IllegalArgumentException("unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + " for " + owner
                    + "; known: " + (resolved.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(resolved.keySet()))));
        }
    }

    private IllegalArgumentException bad(String key, Object v, String expected) {
        return new IllegalArgumentException("parameter '" + key + "' = '" + v + "': expected " + expected);
    }

    @Override
    public String toString() {
        return "Params" + raw;
    }
}
