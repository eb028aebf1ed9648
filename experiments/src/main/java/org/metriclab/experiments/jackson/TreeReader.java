package org.metriclab.experiments.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.metriclab.core.data.DataFormatException;

/**
 * Builds a plain value tree from a parser's token stream, strictly: a key given twice in one mapping,
 * a second document, YAML anchors and aliases, binary or otherwise non-plain values, and nesting deeper
 * than {@link #MAX_DEPTH} are errors naming the source, line and column. A data binder would keep the
 * last duplicate, skip later documents and read an alias as its bare name; all three hide mistakes.
 */
final class TreeReader {
    /** Far deeper than any config or model needs; bounds the recursion of {@link #value}. */
    static final int MAX_DEPTH = 100;

    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private final JsonParser parser;
    private final String source;
    private final String format;

    TreeReader(JsonParser parser, String source, String format) {
        this.parser = parser;
        this.source = source;
        this.format = format;
    }

    /** Reads the single document of the input. */
    Object document() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new DataFormatException(source + ": empty " + format + " document");
        }
        Object v = value(t, 0);
        if (parser.nextToken() != null) {
            throw fail("a second " + format + " document starts here; a file holds one document"
                    + " (remove this '---' and what follows, or merge it into the first)");
        }
        return v;
    }

    private Object value(JsonToken t, int depth) throws IOException {
        if (t == null) {
            throw fail("the document ends inside a list or mapping");
        }
        rejectAnchorsAndAliases();
        return switch (t) {
            case START_OBJECT -> mapping(depth + 1);
            case START_ARRAY -> sequence(depth + 1);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> floating();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw fail("unsupported value (" + t + "); expected text, a number, true/false, a list or a mapping");
        };
    }

    /**
     * A float; YAML's .inf and .nan become the matching doubles, so the binder can name the key that
     * holds them instead of the parser failing on the literal.
     */
    private Object floating() throws IOException {
        String text = parser.getText().strip();
        if (SPECIAL_FLOAT.matcher(text).matches()) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.endsWith("nan") ? Double.NaN : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return parser.getNumberValue();
    }

    private Map<String, Object> mapping(int depth) throws IOException {
        checkDepth(depth);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw fail("expected a key, found " + t);
            }
            rejectAnchorsAndAliases();
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                throw fail("duplicate key '" + key + "' (first given on line " + first + "); each key may appear once in a mapping");
            }
            out.put(key, value(parser.nextToken(), depth));
        }
        return out;
    }

    private List<Object> sequence(int depth) throws IOException {
        checkDepth(depth);
        List<Object> out = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            out.add(value(t, depth));
        }
        return out;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nested more than " + MAX_DEPTH + " levels deep; flatten the document");
        }
    }

    private void rejectAnchorsAndAliases() throws IOException {
        if (!(parser instanceof YAMLParser y)) {
            return;
        }
        if (y.isCurrentAlias()) {
            throw fail("YAML alias '*" + y.getText() + "' is not supported (anchors and aliases are not expanded);"
                    + " write the value out in full");
        }
        String anchor = y.getObjectId();
        if (anchor != null) {
            throw fail("YAML anchor '&" + anchor + "' is not supported (anchors and aliases are not expanded);"
                    + " remove it and write repeated values out in full");
        }
    }

    private DataFormatException fail(String message) {
        JsonLocation loc = parser.currentTokenLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        return new DataFormatException(source + where + ": " + message);
    }
}
