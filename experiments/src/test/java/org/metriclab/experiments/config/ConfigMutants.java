package org.metriclab.experiments.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed experiment configs for property tests: one random mutation of a valid config. Each
 * {@link Kind} names what was done, and whether a loader must refuse the result.
 */
public final class ConfigMutants {
    /** A mutated config: the file's bytes and what was done to it. */
    public record Mutant(byte[] bytes, Kind kind, String what) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return kind + " (" + what + "):\n" + text();
        }
    }

    /** The mutation applied; {@link #mustFail} says whether every loader has to refuse the result. */
    public enum Kind {
        NONE(false), WRONG_TYPE(false), HUGE_NUMBER(false), DUPLICATE_KEY(true), EXTRA_DOCUMENT(true), ANCHOR(true),
        UNKNOWN_KEY(true), DEEP_NESTING(true), BINARY_JUNK(false), TRUNCATE(false);

        private final boolean mustFail;

        Kind(boolean mustFail) {
            this.mustFail = mustFail;
        }

        public boolean mustFail() {
            return mustFail;
        }
    }

    private static final Pattern SCALAR = Pattern.compile("(?<=[:\\[,{] )[A-Za-z0-9_.+-]+(?=[,\\]}\\n])|(?<=[\\[])[A-Za-z0-9_.+-]+(?=[,\\]])");
    private static final Pattern NUMBER = Pattern.compile("(?<=[ \\[])-?\\d[\\d.eE+-]*(?=[,\\]}\\n])");
    private static final Pattern TOP_KEY = Pattern.compile("(?m)^[a-z_]+:.*$");
    private static final List<String> WRONG = List.of("abc", "[1, 2]", "{a: 1}", "null", "~", "true", "''", "-1", "0", "1.5", "[]", "{}");
    private static final List<String> HUGE = List.of("99999999999999999999", "-99999999999999999999", "10000000000", "2147483648",
            "-2147483649", "9223372036854775808", "-9223372036854775809", "1e400", "1.0e19", ".nan", ".inf", "-.inf",
            "1" + "0".repeat(400), "4294967296");

    private ConfigMutants() {
    }

    public static Mutant mutate(String valid, Kind kind, Random r) {
        return switch (kind) {
            case NONE -> utf8(valid, kind, "unchanged");
            case WRONG_TYPE -> replaceOne(valid, SCALAR, WRONG.get(r.nextInt(WRONG.size())), kind, r);
            case HUGE_NUMBER -> replaceOne(valid, NUMBER, HUGE.get(r.nextInt(HUGE.size())), kind, r);
            case DUPLICATE_KEY -> duplicateKey(valid, r);
            case EXTRA_DOCUMENT -> utf8(valid + "---\n" + List.of("name: other\n", "- 1\n", valid, "x\n").get(r.nextInt(4)), kind, "second document");
            case ANCHOR -> anchor(valid, r);
            case UNKNOWN_KEY -> r.nextBoolean() ? utf8(valid + "colour: red\n", kind, "top level")
                    : utf8(valid.replace("{type: euclidean}", "{type: euclidean, colour: red}"), kind, "in a learner");
            case DEEP_NESTING -> deep(valid, r);
            case BINARY_JUNK -> junk(valid, r);
            case TRUNCATE -> {
                int cut = r.nextInt(valid.length());
                yield utf8(valid.substring(0, cut), kind, "cut at " + cut);
            }
        };
    }

    private static Mutant utf8(String text, Kind kind, String what) {
        return new Mutant(text.getBytes(StandardCharsets.UTF_8), kind, what);
    }

    private static Mutant replaceOne(String valid, Pattern p, String with, Kind kind, Random r) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(valid);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return utf8(valid + "seeds: [" + with + "]\n", kind, "seeds " + with);
        }
        int[] s = spans.get(r.nextInt(spans.size()));
        return utf8(valid.substring(0, s[0]) + with + valid.substring(s[1]), kind, valid.substring(s[0], s[1]) + " -> " + with);
    }

    private static Mutant duplicateKey(String valid, Random r) {
        if (r.nextInt(3) == 0 && valid.contains("{type: euclidean}")) {
            return utf8(valid.replace("{type: euclidean}", "{type: euclidean, type: covariance}"), Kind.DUPLICATE_KEY, "type twice");
        }
        List<String> lines = new ArrayList<>();
        Matcher m = TOP_KEY.matcher(valid);
        while (m.find()) {
            lines.add(m.group());
        }
        String line = lines.get(r.nextInt(lines.size()));
        return utf8(valid + line + "\n", Kind.DUPLICATE_KEY, line);
    }

    private static Mutant anchor(String valid, Random r) {
        int at = valid.indexOf('[', r.nextInt(valid.length()));
        at = at < 0 ? valid.indexOf('[') : at;
        String anchored = valid.substring(0, at) + "&a " + valid.substring(at);
        return utf8(r.nextBoolean() ? anchored + "extra: *a\n" : anchored, Kind.ANCHOR, "anchor at " + at);
    }

    private static Mutant deep(String valid, Random r) {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 20 : 1000);
        String nested = r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
        return utf8(valid + "nested: " + nested + "\n", Kind.DEEP_NESTING, "depth " + depth);
    }

    private static Mutant junk(String valid, Random r) {
        byte[] text = valid.getBytes(StandardCharsets.UTF_8);
        byte[] junk = new byte[1 + r.nextInt(20)];
        r.nextBytes(junk);
        int at = r.nextInt(text.length + 1);
        byte[] out = new byte[text.length + junk.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(text, at, out, at + junk.length, text.length - at);
        return new Mutant(out, Kind.BINARY_JUNK, junk.length + " bytes at " + at);
    }
}
