package org.metriclab.experiments.jackson;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.data.DataFormatException;

/**
 * YAML and JSON ↔ plain value trees (maps, lists, strings, numbers, booleans, null). The only
 * package of this module that imports Jackson: everything else works on plain trees.
 *
 * <p>Numbers keep Jackson's natural types (Integer, Long or BigInteger for integral values, Double
 * otherwise), so callers can range-check them before narrowing. Reading is strict (see {@link TreeReader}).
 * {@link #canonicalJson} sorts map keys recursively, so equal trees give equal strings.
 */
public final class Trees {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final String BOM = "\uFEFF";

    private Trees() {
    }

    /** Parses a YAML (or JSON) file; syntax errors name the file, line and column. */
    public static Object readYaml(Path path) {
        return read(YAML, path, "YAML");
    }

    public static Object readJson(Path path) {
        return read(JSON, path, "JSON");
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static Object parseYaml(String text, String source) {
        return parse(YAML, text, source, "YAML");
    }

    public static String toYaml(Object tree) {
        return write(YAML.writer(), tree);
    }

    public static String toPrettyJson(Object tree) {
        return write(JSON.writerWithDefaultPrettyPrinter(), tree);
    }

    /** Compact JSON with map keys sorted at every depth (stable, comparable). */
    public static String canonicalJson(Object tree) {
        return write(CANONICAL.writer(), sorted(tree));
    }

    private static Object sorted(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (tree instanceof List<?> l) {
            return l.stream().map(Trees::sorted).toList();
        }
        return tree;
    }

    private static Object read(ObjectMapper mapper, Path path, String format) {
        if (Files.isDirectory(path)) {
            throw new DataFormatException(path + ": is a directory; expected a " + format + " file");
        }
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(path + ": no such file; expected a " + format + " file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return parse(mapper, utf8(bytes, path.toString()), path.toString(), format);
    }

    /**
     * Strict parsing of one document: duplicate keys, further documents, YAML anchors and aliases and
     * excessive nesting are rejected by {@link TreeReader}; every failure names source, line and column.
     */
    private static Object parse(ObjectMapper mapper, String text, String source, String format) {
        String body = text.startsWith(BOM) ? text.substring(1) : text;
        if (body.isBlank()) {
            throw new DataFormatException(source + ": empty file; expected a " + format + " document");
        }
        rejectControlCharacters(body, source, format);
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            return new TreeReader(parser, source, format).document();
        } catch (JsonProcessingException e) {
            throw syntax(source, format, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Control characters other than tab and line breaks are not text; the parser would report them at 1:1. */
    private static void rejectControlCharacters(String text, String source, String format) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F || c == 0xFFFE || c == 0xFFFF) {
                throw new DataFormatException(String.format(Locale.ROOT, "%s:%d:%d: control character U+%04X is not allowed in %s text;"
                        + " is this a binary file?", source, line, column, (int) c, format));
            }
            column++;
        }
    }

    /** Decodes UTF-8, naming the offset of the first byte that is not UTF-8 instead of the decoder's bare message. */
    private static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new DataFormatException(source + ": not UTF-8 text (invalid byte at offset " + in.position()
                    + "); save the file as UTF-8");
        }
        return out.flip().toString();
    }

    private static DataFormatException syntax(String source, String format, JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String kind = e instanceof JsonParseException ? "syntax error" : "cannot parse";
        return new DataFormatException(source + where + ": " + format + " " + kind + ": " + problem(e.getOriginalMessage()));
    }

    /**
     * The parser's own words without the source excerpt and caret lines that YAML errors carry
     * (lines starting with blanks, and "in 'reader', line ..." markers): the location is already given.
     */
    private static String problem(String message) {
        if (message == null) {
            return "unreadable input";
        }
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !t.startsWith("in 'reader'") && !t.startsWith("in 'string'")) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? message.strip().replaceAll("\\s+", " ") : String.join("; ", kept);
    }

    private static String write(ObjectWriter writer, Object tree) {
        try {
            return writer.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write value tree: " + e.getOriginalMessage(), e);
        }
    }
}
