package org.metriclab.experiments.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 4180 fields on single lines: a field is quoted when it holds a comma or a quote (quotes
 * doubled). Line breaks inside values are replaced by spaces when writing, so every record is one line.
 *
 * <p>Formula neutralisation: spreadsheets execute a cell that starts with {@code = + - @} or a tab as a
 * formula, so such a text field (a learner label like {@code =HYPERLINK(...)}) is written with a leading
 * {@code '}, which spreadsheets show as text. Numbers ({@code -0.5}, {@code -1.0E-4}, {@code -Infinity})
 * are written as they are. A field that itself starts with {@code '} gets one more, so {@link #parse}
 * removes exactly one leading {@code '} and every field reads back as it was written.
 */
final class Csv {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");

    private Csv() {
    }

    /** The field as a spreadsheet must see it: text that a spreadsheet would evaluate gets a leading {@code '}. */
    static String neutralise(String field) {
        if (field.isEmpty()) {
            return field;
        }
        char c = field.charAt(0);
        boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return c == '\'' || formula && !NUMBER.matcher(field).matches() ? "'" + field : field;
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = neutralise(fields.get(i).replace('\r', ' ').replace('\n', ' '));
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /**
     * A number field as the writers spell it ({@link Double#toString} or fixed decimals): digits with an optional sign,
     * point and exponent, {@code Infinity} or {@code NaN}. Java-only spellings such as {@code 5.1d} or {@code 0x1p3} are
     * refused, so a hand-edited file cannot carry a value its writer never produced.
     */
    static double decimal(String field, String column) {
        if (!NUMBER.matcher(field).matches()) {
            throw new IllegalArgumentException(column + " must be a plain decimal number such as 0.95 or 1.0E-4 (or NaN), found '" + field + "'");
        }
        return Double.parseDouble(field);
    }

    /** An integer field in [{@code min}, {@code max}], decimal digits with an optional sign. */
    static long integer(String field, String column, long min, long max) {
        if (field.matches("[-+]?\\d{1,19}")) {
            try {
                long v = Long.parseLong(field);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // beyond the range of a long: refused below like any other value out of range
            }
        }
        throw new IllegalArgumentException(column + " must be an integer from " + min + " to " + max + ", found '" + field + "'");
    }

    /** Splits one line; throws IllegalArgumentException on an unterminated quote. */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(restore(cur));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        out.add(restore(cur));
        return out;
    }

    /** Undoes {@link #neutralise}: one leading {@code '} is removed. */
    private static String restore(StringBuilder field) {
        return field.length() > 0 && field.charAt(0) == '\'' ? field.substring(1) : field.toString();
    }
}
