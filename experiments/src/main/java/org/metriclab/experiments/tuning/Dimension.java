package org.metriclab.experiments.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The range of one tuned parameter. Every search strategy proposes points of the unit interval per
 * dimension; {@link #at} maps such a coordinate to a parameter value, so strategies never depend on
 * the parameter's kind. A {@link Conditional} dimension exists only while an earlier choice of the same
 * space has one of the given values (a kernel's bandwidth only for the RBF kernel).
 */
public sealed interface Dimension {
    /** The value at unit coordinate {@code u} in [0, 1] (1 maps to the upper end). */
    Object at(double u);

    /** The config name of the kind ({@code uniform}, {@code log_uniform}, {@code int}, {@code log_int}, {@code choice}). */
    String kind();

    /**
     * The values tried on the learner when the config is bound, to check the range: its {@link #bounds} by
     * default; real ranges add an interior point.
     */
    default List<Object> probes() {
        return bounds();
    }

    /** The config form, e.g. {@code {uniform: [0.1, 0.5]}}. */
    default Map<String, Object> toTree() {
        return Map.of(kind(), bounds());
    }

    /** The config's list: both ends of a range, or every value of a choice. */
    List<Object> bounds();

    private static double clamp(double u) {
        return Math.min(1.0, Math.max(0.0, u));
    }

    /** A real value, uniform in [low, high]. */
    record Uniform(double low, double high) implements Dimension {
        public Uniform {
            if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
                throw new IllegalArgumentException("uniform needs finite bounds with low < high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object at(double u) {
            return low + clamp(u) * (high - low);
        }

        @Override
        public String kind() {
            return "uniform";
        }

        @Override
        public List<Object> bounds() {
            return List.of(low, high);
        }

        @Override
        public List<Object> probes() {
            return List.of(low, high, low + 0.37 * (high - low));
        }
    }

    /** A positive real value whose logarithm is uniform in [log low, log high]. */
    record LogUniform(double low, double high) implements Dimension {
        public LogUniform {
            if (!(low > 0 && Double.isFinite(high) && low < high)) {
                throw new IllegalArgumentException("log_uniform needs 0 < low < high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object at(double u) {
            return Math.exp(Math.log(low) + clamp(u) * (Math.log(high) - Math.log(low)));
        }

        @Override
        public String kind() {
            return "log_uniform";
        }

        @Override
        public List<Object> bounds() {
            return List.of(low, high);
        }

        @Override
        public List<Object> probes() {
            return List.of(low, high, at(0.37));
        }
    }

    /** An integer, uniform over low..high inclusive. */
    record IntRange(long low, long high) implements Dimension {
        public IntRange {
            if (low >= high) {
                throw new IllegalArgumentException("int needs low < high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object at(double u) {
            long v = low + (long) Math.floor(clamp(u) * (high - low + 1));
            return Math.min(high, v);
        }

        @Override
        public String kind() {
            return "int";
        }

        @Override
        public List<Object> bounds() {
            return List.of(low, high);
        }
    }

    /** A positive integer whose logarithm is roughly uniform: the log-uniform real in [low, high + 1) rounded down. */
    record LogInt(long low, long high) implements Dimension {
        public LogInt {
            if (low < 1 || low >= high) {
                throw new IllegalArgumentException("log_int needs 1 <= low < high, found [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object at(double u) {
            double x = Math.exp(Math.log(low) + clamp(u) * (Math.log(high + 1.0) - Math.log(low)));
            return Math.max(low, Math.min(high, (long) Math.floor(x)));
        }

        @Override
        public String kind() {
            return "log_int";
        }

        @Override
        public List<Object> bounds() {
            return List.of(low, high);
        }
    }

    /** One of a list of values (numbers, strings or booleans), each equally likely. */
    record Choice(List<Object> values) implements Dimension {
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("choice needs at least one value");
            }
        }

        @Override
        public Object at(double u) {
            return values.get(Math.min(values.size() - 1, (int) Math.floor(clamp(u) * values.size())));
        }

        @Override
        public String kind() {
            return "choice";
        }

        @Override
        public List<Object> bounds() {
            return values;
        }
    }

    /**
     * A dimension that is active only when the choice {@code parent} (declared earlier in the same space) has one
     * of {@code values}; while inactive the parameter is left out of the candidate, so the learner uses its default.
     * Config form: the inner range plus {@code when: {parent: value}} or {@code when: {parent: [v1, v2]}}.
     */
    record Conditional(Dimension inner, String parent, List<Object> values) implements Dimension {
        public Conditional {
            if (inner instanceof Conditional) {
                throw new IllegalArgumentException("a conditional dimension wraps a plain range or choice, not another condition");
            }
            values = List.copyOf(values);
            if (parent.isEmpty() || values.isEmpty()) {
                throw new IllegalArgumentException("a condition needs a parent parameter and at least one of its values");
            }
        }

        /** Whether the dimension is active when the parent has {@code parentValue} (absent parents give null). */
        public boolean activeFor(Object parentValue) {
            return parentValue != null && values.contains(parentValue);
        }

        @Override
        public Object at(double u) {
            return inner.at(u);
        }

        @Override
        public String kind() {
            return inner.kind();
        }

        @Override
        public List<Object> probes() {
            return inner.probes();
        }

        @Override
        public List<Object> bounds() {
            return inner.bounds();
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>(inner.toTree());
            m.put("when", Map.of(parent, values.size() == 1 ? values.get(0) : values));
            return m;
        }
    }
}
