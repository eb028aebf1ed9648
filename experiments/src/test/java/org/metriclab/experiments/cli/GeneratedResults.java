package org.metriclab.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.metriclab.experiments.config.ConfigMutants;

/**
 * A small results directory as a run writes it (rows.csv, curves.csv, config.resolved.yaml, provenance.json),
 * generated with one damage applied to rows.csv and possibly mutated metadata. {@link #expected} is what a
 * reader must make of rows.csv: the rows it holds, or empty when no strict reader may accept the file.
 *
 * @param label   the second learner's label (the first is {@code euclidean}); spreadsheet formulas among them
 * @param values  one value text per row, in the order of {@link #baseRows}
 * @param damage  what was done to rows.csv
 * @param at      where the damage applies (a row index, a byte offset, a choice among variants), reduced modulo the size
 * @param config  the mutation of config.resolved.yaml
 * @param curves  whether curves.csv is damaged the same way as rows.csv
 * @param provenance provenance.json's text (valid or not)
 */
record GeneratedResults(String label, List<String> values, Damage damage, int at, ConfigMutants.Kind config, long configSeed,
        boolean curves, String provenance) {
    static final List<String> COLUMNS = List.of("dataset", "learner", "label", "params", "seed", "split", "n_train", "measure", "value",
            "fit_seconds", "warnings");
    static final List<String> MEASURES = List.of("precision_at_1", "r_precision");
    static final List<String> LABELS = List.of("=cmd", "=HYPERLINK(\"http://x\",\"y\")", "+1", "@SUM(A1)", "-2", "lmnn k=3", "a,b", "'quoted",
            "\tx");
    static final List<String> GOOD_VALUES = List.of("0", "1", "0.5", "0.25", "1.0E-4", "0.9777777777777777", "NaN", "-0.125");
    static final List<String> HUGE_VALUES = List.of("1e308", "-1e308", "1.7976931348623157E308", "4.9E-324", "9223372036854775807");
    static final List<String> BAD_VALUES = List.of("Infinity", "-Infinity", "1e400", "5.1d", "3.5f", "0x1p3", "x", "", "1_0");
    static final List<String> BAD_INTEGERS = List.of("x", "1.5", "99999999999999999999", "0x10", "-1", "1e3", "");
    static final List<String> BAD_SECONDS = List.of("Infinity", "1e400", "5.1d", "0x1p3", "x", "", "-1");
    static final List<String> PROVENANCES = List.of("{\"git_commit\": \"unknown\", \"threads\": 1, \"libraries\": {\"x\": \"1\"}}", "", "{",
            "[]", "\"x\"", "null", "{\"a\": 1e999999}", "{\"<script>\": \"</td>\"}", "[".repeat(5000), "\u00ff\u00fe");

    /** The ways rows.csv is damaged; {@code mustFail}: no strict reader may accept the file. */
    enum Damage {
        NONE(false), HUGE_VALUE(false), TRUNCATE(false), HEADER_ONLY(false), BAD_VALUE(true), BAD_SEED(true), BAD_SPLIT(true),
        BAD_N_TRAIN(true), BAD_FIT_SECONDS(true), EXTRA_FIELD(true), MISSING_FIELD(true), DUPLICATE_COLUMN(true), BAD_BYTE(true), EMPTY(true),
        BOM(false), CRLF(false), UNTERMINATED_QUOTE(true);

        final boolean mustFail;

        Damage(boolean mustFail) {
            this.mustFail = mustFail;
        }
    }

    /** The undamaged rows: iris, two learners, seeds 0 and 1, two measures; values from {@link #values}. */
    List<List<String>> baseRows() {
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        for (String l : List.of("euclidean", label)) {
            for (int seed = 0; seed < 2; seed++) {
                for (String m : MEASURES) {
                    rows.add(new ArrayList<>(List.of("iris", l.equals("euclidean") ? "euclidean" : "lmnn", l, "{\"k\":3}", Integer.toString(seed), "0",
                            "105", m, values.get(i++ % values.size()), "0.0010", "")));
                }
            }
        }
        return rows;
    }

    /** The rows written, after the damage that changes fields. */
    List<List<String>> writtenRows() {
        List<List<String>> rows = baseRows();
        List<String> row = rows.get(Math.floorMod(at, rows.size()));
        switch (damage) {
            case HUGE_VALUE -> {
                // the same cell's other seed gets a huge value too, so a naive sum of the cell overflows
                row.set(8, HUGE_VALUES.get(Math.floorMod(at, HUGE_VALUES.size())));
                rows.get(Math.floorMod(at, rows.size()) ^ 2).set(8, HUGE_VALUES.get(Math.floorMod(at / 7, HUGE_VALUES.size())));
            }
            case BAD_VALUE -> row.set(8, BAD_VALUES.get(Math.floorMod(at, BAD_VALUES.size())));
            case BAD_SEED -> row.set(4, List.of("x", "1.5", "99999999999999999999", "0x10", "").get(Math.floorMod(at, 5)));
            case BAD_SPLIT -> row.set(5, BAD_INTEGERS.get(Math.floorMod(at, BAD_INTEGERS.size())));
            case BAD_N_TRAIN -> row.set(6, BAD_INTEGERS.get(Math.floorMod(at, BAD_INTEGERS.size() - 1)));
            case BAD_FIT_SECONDS -> row.set(9, BAD_SECONDS.get(Math.floorMod(at, BAD_SECONDS.size())));
            case EXTRA_FIELD -> row.add("x");
            case MISSING_FIELD -> row.remove(10);
            case DUPLICATE_COLUMN -> rows.forEach(r -> r.add(3, r.get(2)));
            case HEADER_ONLY -> rows.clear();
            default -> { }
        }
        return rows;
    }

    byte[] rowsBytes() {
        List<String> header = new ArrayList<>(COLUMNS);
        if (damage == Damage.DUPLICATE_COLUMN) {
            header.add(3, "label");
        }
        String nl = damage == Damage.CRLF ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder(damage == Damage.BOM ? "\uFEFF" : "").append(line(header)).append(nl);
        for (List<String> r : writtenRows()) {
            sb.append(line(r)).append(nl);
        }
        String text = sb.toString();
        if (damage == Damage.UNTERMINATED_QUOTE) {
            int lineStart = text.indexOf('\n') + 1;
            text = text.substring(0, lineStart) + "\"" + text.substring(lineStart);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (damage) {
            case EMPTY -> new byte[0];
            case TRUNCATE -> java.util.Arrays.copyOf(bytes, Math.floorMod(at, bytes.length + 1));
            case BAD_BYTE -> {
                int cut = Math.floorMod(at, bytes.length - 1);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(bytes, 0, cut);
                b.write(0xFF);
                b.write(bytes, cut, bytes.length - cut);
                yield b.toByteArray();
            }
            default -> bytes;
        };
    }

    /**
     * The rows a correct reader returns, each as (label as written, measure, value); empty when the file must be refused.
     * A truncated file keeps its complete lines (a killed run's partial last line is left out) and needs a complete header.
     */
    java.util.Optional<List<List<String>>> expected() {
        if (damage.mustFail) {
            return java.util.Optional.empty();
        }
        List<List<String>> rows = writtenRows();
        if (damage == Damage.TRUNCATE) {
            byte[] b = rowsBytes();
            long lines = 0;
            for (byte x : b) {
                lines += x == '\n' ? 1 : 0;
            }
            if (lines == 0) {
                return java.util.Optional.empty();
            }
            rows = rows.subList(0, (int) lines - 1);
        }
        return java.util.Optional.of(rows);
    }

    /** Whether the label reads back as written: one leading {@code '} is the format's escape of a formula and is removed. */
    static String read(String field) {
        return field.startsWith("'") ? field.substring(1) : field;
    }

    String configText() {
        String escaped = label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
        return "name: tiny\ndatasets: [{name: iris, builtin: true}]\nprotocol: {type: fixed_split}\nretrieval: train_reference\n"
                + "preprocessing: {standardize: false, pca: 0}\nseeds: [0, 1]\nlearners:\n  - {type: euclidean, label: euclidean, params: {}}\n"
                + "  - {type: lmnn, label: \"" + escaped + "\", params: {k: 3, max_iter: 5}}\nmeasures: [precision_at_1, r_precision]\n"
                + "table: {rows: dataset, columns: learner}\nwarmup: false\n";
    }

    byte[] curvesBytes() {
        StringBuilder sb = new StringBuilder("dataset,label,seed,split,n_train,curve,step,value\n");
        for (int step = 1; step <= 3; step++) {
            sb.append(line(List.of("iris", label, "0", "0", "105", "objective", Integer.toString(step), Double.toString(10.0 / step)))).append('\n');
        }
        if (!curves) {
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        return switch (Math.floorMod(at, 4)) {
            case 0 -> java.util.Arrays.copyOf(b, Math.floorMod(at, b.length + 1));
            case 1 -> (new String(b, StandardCharsets.UTF_8) + "iris,x,0,0,105,Objective!,1,2\n").getBytes(StandardCharsets.UTF_8);
            case 2 -> (new String(b, StandardCharsets.UTF_8) + "iris,x,zero,0,105,objective,1,1e400\n").getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {(byte) 0xFF, '\n'};
        };
    }

    /** Writes the four files into {@code dir}. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("rows.csv"), rowsBytes());
        Files.write(dir.resolve("curves.csv"), curvesBytes());
        Files.write(dir.resolve("config.resolved.yaml"), ConfigMutants.mutate(configText(), config, new Random(configSeed)).bytes());
        Files.write(dir.resolve("provenance.json"), provenance.getBytes(StandardCharsets.ISO_8859_1));
        return dir;
    }

    /** A CSV line as a careless tool writes it: quoted where needed, formulas not escaped. */
    static String line(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            out.add(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return String.join(",", out);
    }

    /** Splits one CSV line (quoted fields, doubled quotes). */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The finite values per (label as read, measure) of {@code rows}; failed trials (NaN) are left out. */
    static Map<List<String>, List<Double>> finiteValues(List<List<String>> rows) {
        Map<List<String>, List<Double>> out = new LinkedHashMap<>();
        for (List<String> r : rows) {
            List<Double> vs = out.computeIfAbsent(List.of(read(r.get(2)), r.get(7)), k -> new ArrayList<>());
            double v = Double.parseDouble(r.get(8));
            if (!Double.isNaN(v)) {
                vs.add(v);
            }
        }
        return out;
    }

    /** The exact mean of {@code values}, rounded once to a double. */
    static double mean(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128).doubleValue();
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
