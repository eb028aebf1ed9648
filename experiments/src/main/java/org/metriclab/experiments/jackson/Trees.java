package org.metriclab.experiments.jackson;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.data.DataFormatException;

/**
 * YAML and JSON ↔ plain value trees (maps, lists, strings, numbers, booleans, null). The only
 * package of this module that imports Jackson: everything else works on plain trees.
 *
 * <p>Numbers keep Jackson's natural types (Integer/Long for integral values, Double otherwise).
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
    private static final TypeReference<Object> TREE = new TypeReference<>() {
    };

    private Trees() {
    }

    /** Parses a YAML (or JSON) file; syntax errors name the file, line and column. */
    public static Object readYaml(Path path) {
        return read(YAML, path, "YAML");
    }

    public static Object readJson(Path path) {
        return read(JSON, path, "JSON");
    }

    public static Object parseYaml(String text, String source) {
        try {
            return YAML.readValue(text, TREE);
        } catch (JsonProcessingException e) {
            throw syntax(source, "YAML", e);
        }
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
        if (tree instanceof java.util.List<?> l) {
            return l.stream().map(Trees::sorted).toList();
        }
        return tree;
    }

    private static Object read(ObjectMapper mapper, Path path, String format) {
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(path + ": no such file; expected a " + format + " file");
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new DataFormatException(path + ": empty file; expected a " + format + " document");
            }
            return mapper.readValue(text, TREE);
        } catch (JsonProcessingException e) {
            throw syntax(path.toString(), format, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static DataFormatException syntax(String source, String format, JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String kind = e instanceof JsonParseException ? "syntax error" : "cannot parse";
        return new DataFormatException(source + where + ": " + format + " " + kind + ": " + e.getOriginalMessage());
    }

    private static String write(com.fasterxml.jackson.databind.ObjectWriter writer, Object tree) {
        try {
            return writer.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write value tree: " + e.getOriginalMessage(), e);
        }
    }
}
