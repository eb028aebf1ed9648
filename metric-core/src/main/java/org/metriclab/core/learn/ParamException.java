package org.metriclab.core.learn;

import java.util.List;

/**
 * A parameter that cannot be used, reported as data: which key, the value as given, and what was
 * expected. Callers that know where the parameters came from (a config file, a command line) point at
 * {@link #key()} instead of reading the message.
 */
public final class ParamException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why the parameter cannot be used. */
    public enum Problem {
        /** The value has the wrong type or lies outside the allowed range. */
        INVALID_VALUE,
        /** No component reads this key: a typo or a parameter of another component. */
        UNKNOWN_KEY
    }

    private final Problem problem;
    private final String key;
    private final String value;
    private final String expectation;
    private final List<String> unknownKeys;

    private ParamException(Problem problem, String key, String value, String expectation, List<String> unknownKeys, String message) {
        super(message);
        this.problem = problem;
        this.key = key;
        this.value = value;
        this.expectation = expectation;
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    /** A value of the wrong type or range: {@code parameter 'key' = 'value': expected <expectation>}. */
    public static ParamException invalid(String key, Object value, String expectation) {
        String text = String.valueOf(value);
        return new ParamException(Problem.INVALID_VALUE, key, text, expectation, List.of(key),
                "parameter '" + key + "' = '" + text + "': expected " + expectation);
    }

    /**
     * Keys nobody read. {@link #key()} is the first of them; {@code value} is its value as given and
     * {@code known} the keys that were read.
     */
    public static ParamException unknown(List<String> keys, Object value, String owner, List<String> known) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an unknown-parameter error needs at least one key");
        }
        String knownText = known.isEmpty() ? "(none)" : String.join(", ", known);
        StringBuilder names = new StringBuilder();
        for (String k : keys) {
            names.append(names.length() == 0 ? "" : ", ").append('\'').append(k).append('\'');
        }
        return new ParamException(Problem.UNKNOWN_KEY, keys.get(0), String.valueOf(value), "one of: " + knownText, keys,
                "unknown parameter" + (keys.size() > 1 ? "s " : " ") + names + " for " + owner + "; known: " + knownText);
    }

    public Problem problem() {
        return problem;
    }

    /** The offending key (for unknown keys: the first in sorted order). */
    public String key() {
        return key;
    }

    /** The offending value as text, as it was given. */
    public String value() {
        return value;
    }

    /** What would have been accepted, e.g. "an integer from -2147483648 to 2147483647". */
    public String expectation() {
        return expectation;
    }

    /** Every offending key: one for an invalid value, all unread ones for unknown keys. */
    public List<String> keys() {
        return unknownKeys;
    }
}
