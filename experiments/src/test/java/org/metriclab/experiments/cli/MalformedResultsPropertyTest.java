package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.metriclab.experiments.config.ConfigMutants;

/**
 * {@code table}, {@code compare} and {@code report} on generated results directories ({@link GeneratedResults}): rows.csv
 * truncated, with wrongly typed, huge, missing or extra fields, a duplicated column, a bad byte, a BOM, CRLF or nothing at all;
 * formula labels; mutated config.resolved.yaml, curves.csv and provenance.json. Each run ends with exit 1 and one line on
 * stderr, or with exit 0 and numbers equal to the means of the rows the file holds. A damage that no strict reader
 * may accept never gives exit 0.
 */
class MalformedResultsPropertyTest {
    private static final Pattern CHANGE = Pattern.compile("([+-]\\S+) \\((\\S+) → (\\S+)\\)|only in ([AB]) \\((\\S+)\\)|—");

    @Provide
    Arbitrary<GeneratedResults> results() {
        Arbitrary<ConfigMutants.Kind> config = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(ConfigMutants.Kind.NONE)),
                Tuple.of(1, Arbitraries.of(ConfigMutants.Kind.class)));
        Arbitrary<String> provenance = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(GeneratedResults.PROVENANCES.get(0))),
                Tuple.of(1, Arbitraries.of(GeneratedResults.PROVENANCES)));
        Arbitrary<GeneratedResults.Damage> damage = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(GeneratedResults.Damage.NONE)),
                Tuple.of(8, Arbitraries.of(GeneratedResults.Damage.class)));
        return Combinators.combine(Arbitraries.of(GeneratedResults.LABELS), Arbitraries.of(GeneratedResults.GOOD_VALUES).list().ofSize(8),
                damage, Arbitraries.integers().between(0, 10_000), config, Arbitraries.longs(), Arbitraries.frequency(Tuple.of(5, false),
                        Tuple.of(1, true)), provenance).as(GeneratedResults::new);
    }

    private static void assertOneLineError(Cli r, GeneratedResults g) {
        assertEquals(Main.BAD_INPUT, r.code(), g + "\n" + r.err());
        assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err() + " for " + g);
        assertFalse(r.err().contains("internal error"), r.err());
    }

    /** Whether the files may be refused: rows.csv is damaged in some way, or so is config.resolved.yaml. */
    private static boolean mayRefuse(GeneratedResults g) {
        return g.expected().isEmpty() || g.config() != ConfigMutants.Kind.NONE || g.damage() == GeneratedResults.Damage.BOM
                || g.damage() == GeneratedResults.Damage.CRLF;
    }

    @Property(tries = 50)
    void tableShowsTheMeansOfTheRowsGivenOrOneLineError(@ForAll("results") GeneratedResults g) throws IOException {
        Path dir = g.write(Files.createTempDirectory("garbage-table"));
        try {
            Cli r = Cli.run("table", dir.toString(), "--format", "csv", "--test", g.at() % 2 == 0 ? "t" : "wilcoxon");
            if (r.code() != 0) {
                assertOneLineError(r, g);
                assertTrue(mayRefuse(g), "refused valid files: " + r.err() + " for " + g);
                if (g.expected().isEmpty() && g.config() == ConfigMutants.Kind.NONE) {
                    assertTrue(Pattern.compile("rows\\.csv:\\d+: ").matcher(r.err()).find(), "names the file and line: " + r.err());
                }
                return;
            }
            Optional<List<List<String>>> rows = g.expected();
            assertTrue(rows.isPresent(), "accepted " + g + "\n" + r.out());
            Map<List<String>, List<Double>> expected = GeneratedResults.finiteValues(rows.get());
            List<String> lines = r.out().lines().toList();
            int shown = 0;
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                List<String> f = GeneratedResults.parse(line);
                assertEquals("iris", f.get(0), line);
                List<Double> values = expected.get(List.of(GeneratedResults.read(f.get(1)), f.get(2)));
                assertNotNull(values, "a cell that no row gives: " + line + " for " + g);
                assertEquals(values.size(), Integer.parseInt(f.get(5)), line);
                double mean = GeneratedResults.mean(values);
                assertEquals(mean, Double.parseDouble(f.get(3)), Math.abs(mean) * 1e-12, line + " for " + g);
                shown++;
            }
            if (g.config() == ConfigMutants.Kind.NONE) {
                assertEquals(expected.values().stream().filter(v -> !v.isEmpty()).count(), shown, "every cell with values: " + r.out());
            }
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    /** The damages that once passed or broke {@code table}: each is checked every run, not only when generated. */
    @Example
    void tableOnTheDamagesThatWereMishandled() throws IOException {
        for (GeneratedResults.Damage d : List.of(GeneratedResults.Damage.HUGE_VALUE, GeneratedResults.Damage.BAD_VALUE, GeneratedResults.Damage.BAD_SPLIT,
                GeneratedResults.Damage.BAD_BYTE, GeneratedResults.Damage.BOM, GeneratedResults.Damage.CRLF)) {
            for (int at : List.of(0, 3, 4)) {
                tableShowsTheMeansOfTheRowsGivenOrOneLineError(new GeneratedResults("=cmd", GeneratedResults.GOOD_VALUES, d, at,
                        ConfigMutants.Kind.NONE, 0, false, GeneratedResults.PROVENANCES.get(0)));
            }
        }
        Path dir = new GeneratedResults("=cmd", GeneratedResults.GOOD_VALUES, GeneratedResults.Damage.HUGE_VALUE, 0, ConfigMutants.Kind.NONE, 0,
                false, GeneratedResults.PROVENANCES.get(0)).write(Files.createTempDirectory("garbage-huge"));
        try {
            Cli r = Cli.run("table", dir.toString(), "--format", "csv", "--measure", "precision_at_1");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\niris,euclidean,precision_at_1,1.0E308,0.0,2,"), r.out());
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    /** A training size beyond an int in config.resolved.yaml is refused; read as an int it would wrap to 105, the rows' n_train. */
    @Example
    void tableRefusesATrainingSizeBeyondAnInt() throws IOException {
        GeneratedResults g = new GeneratedResults("=cmd", GeneratedResults.GOOD_VALUES, GeneratedResults.Damage.NONE, 0, ConfigMutants.Kind.NONE, 0,
                false, GeneratedResults.PROVENANCES.get(0));
        Path dir = g.write(Files.createTempDirectory("garbage-sizes"));
        try {
            for (long size : List.of(105L, (1L << 32) + 105)) {
                Files.writeString(dir.resolve("config.resolved.yaml"), g.configText().replace("protocol: {type: fixed_split}",
                        "protocol: {type: fixed_split, train_sizes: [" + size + "]}"));
                Cli r = Cli.run("table", dir.toString(), "--format", "csv");
                if (size == 105) {
                    assertEquals(0, r.code(), r.err());
                } else {
                    assertOneLineError(r, g);
                    assertTrue(r.err().contains("config.resolved.yaml"), r.err());
                }
            }
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    @Property(tries = 40)
    void compareShowsTheChangeOfMeansOrOneLineError(@ForAll("results") GeneratedResults g) throws IOException {
        Path dir = Files.createTempDirectory("garbage-compare");
        try {
            Path a = g.write(dir.resolve("a"));
            GeneratedResults valid = new GeneratedResults(g.label(), reversed(g.values()), GeneratedResults.Damage.NONE, 0,
                    ConfigMutants.Kind.NONE, 0, false, GeneratedResults.PROVENANCES.get(0));
            Path b = valid.write(dir.resolve("b"));
            Cli r = Cli.run("compare", a.toString(), b.toString());
            if (r.code() != 0) {
                assertOneLineError(r, g);
                assertTrue(mayRefuse(g), "refused valid files: " + r.err() + " for " + g);
                return;
            }
            Optional<List<List<String>>> rows = g.expected();
            assertTrue(rows.isPresent(), "accepted " + g + "\n" + r.out());
            Map<List<String>, List<Double>> inA = GeneratedResults.finiteValues(rows.get());
            Map<List<String>, List<Double>> inB = GeneratedResults.finiteValues(valid.expected().orElseThrow());
            String measure = null;
            List<String> columns = List.of();
            for (String line : r.out().lines().toList()) {
                if (line.startsWith("## ") && line.endsWith(" (B − A)")) {
                    measure = line.substring(3, line.length() - " (B − A)".length());
                } else if (measure != null && line.startsWith("| dataset | ")) {
                    columns = List.of(line.substring(2, line.length() - 2).split(" \\| ", -1));
                } else if (measure != null && line.startsWith("| iris | ")) {
                    List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| ", -1));
                    assertEquals(columns.size(), cells.size(), line);
                    for (int c = 1; c < cells.size(); c++) {
                        checkChange(cells.get(c), inA.get(List.of(columns.get(c), measure)), inB.get(List.of(columns.get(c), measure)), g);
                    }
                }
            }
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    /** One compare cell against the means of A's and B's values (null or empty: the run has no value there). */
    private static void checkChange(String cell, List<Double> a, List<Double> b, GeneratedResults g) {
        Matcher m = CHANGE.matcher(cell);
        assertTrue(m.matches(), cell);
        boolean hasA = a != null && !a.isEmpty();
        boolean hasB = b != null && !b.isEmpty();
        if (m.group(1) != null) {
            assertTrue(hasA && hasB, cell + " for " + g);
            assertShown(GeneratedResults.mean(a), m.group(2), cell + " for " + g);
            assertShown(GeneratedResults.mean(b), m.group(3), cell + " for " + g);
        } else if (m.group(4) != null) {
            List<Double> side = m.group(4).equals("A") ? a : b;
            assertTrue(m.group(4).equals("A") ? hasA && !hasB : hasB && !hasA, cell + " for " + g);
            assertShown(GeneratedResults.mean(side), m.group(5), cell + " for " + g);
        } else {
            assertFalse(hasA || hasB, cell + " for " + g);
        }
    }

    private static List<String> reversed(List<String> values) {
        List<String> out = new java.util.ArrayList<>(values);
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * A mean as compare prints it (three decimals): the same text, or, for magnitudes where three decimals
     * exceed a double's precision, the same value to 1e-12 relative (the mean of huge values is summed in a
     * scaled form, which may differ from a plain mean in the last bit).
     */
    private static void assertShown(double mean, String shown, String message) {
        String expected = String.format(Locale.ROOT, "%.3f", mean);
        if (!expected.equals(shown)) {
            assertTrue(Math.abs(mean) > 1e12, message + ": expected " + expected + ", shown " + shown);
            assertEquals(mean, Double.parseDouble(shown), Math.abs(mean) * 1e-12, message);
        }
    }

    /** Means near the largest double once broke a chart's axis; the report leaves such cells out of its charts and still draws the others. */
    @Example
    void reportOfHugeMeansHasANoteInsteadOfTheirChart() throws IOException {
        GeneratedResults g = new GeneratedResults("=cmd", GeneratedResults.GOOD_VALUES, GeneratedResults.Damage.HUGE_VALUE, 11,
                ConfigMutants.Kind.NONE, 0, false, GeneratedResults.PROVENANCES.get(0));
        reportIsWrittenOrOneLineError(g);
        Path dir = g.write(Files.createTempDirectory("garbage-report"));
        try {
            Cli r = Cli.run("report", dir.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.exists(dir.resolve("plots/dots_precision_at_1.png")), "the other measure's chart is drawn");
            assertTrue(Files.exists(dir.resolve("plots/dots_r_precision.png")) || r.err().contains("no dot plot of r_precision"), r.err());
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    @Property(tries = 15)
    void reportIsWrittenOrOneLineError(@ForAll("results") GeneratedResults g) throws IOException {
        Path dir = g.write(Files.createTempDirectory("garbage-report"));
        try {
            Path html = dir.resolve("r.html");
            Cli r = Cli.run("report", dir.toString(), "--out", html.toString());
            if (r.code() != 0) {
                assertOneLineError(r, g);
                assertTrue(mayRefuse(g) || g.curves() || !g.provenance().equals(GeneratedResults.PROVENANCES.get(0)),
                        "refused valid files: " + r.err() + " for " + g);
                return;
            }
            assertTrue(g.expected().isPresent(), "accepted " + g + "\n" + r.out());
            String text = Files.readString(html, StandardCharsets.UTF_8);
            if (g.config() == ConfigMutants.Kind.NONE && !g.expected().get().isEmpty()) {
                for (String measure : GeneratedResults.MEASURES) {
                    assertTrue(text.contains("<h3>" + measure + "</h3>"), measure);
                }
            }
            assertFalse(text.contains("<script>\""), "provenance keys are escaped");
        } finally {
            GeneratedResults.delete(dir);
        }
    }
}
