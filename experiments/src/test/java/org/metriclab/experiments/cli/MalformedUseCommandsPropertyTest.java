package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.metriclab.experiments.jackson.Trees;

/**
 * Generated malformed embeddings, labels and gallery files fed to the commands that put a metric to use:
 * {@code predict}, {@code identify}, {@code verify}, {@code fewshot}, {@code crossmodal} and {@code index build/search}. Each run
 * ends either with exit 1 and exactly one line on stderr (no stack trace), or with exit 0 and only finite
 * numbers in its output.
 */
class MalformedUseCommandsPropertyTest {
    private static final Path DIR = tempDir();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final MalformedInputPropertyTest TABLES = new MalformedInputPropertyTest();

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("metriclab-use-properties");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String text) {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path file(byte[] bytes) {
        try {
            Path p = DIR.resolve(COUNTER.incrementAndGet() + ".csv");
            Files.write(p, bytes);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fresh() {
        Path p = DIR.resolve("out" + COUNTER.incrementAndGet());
        p.toFile().deleteOnExit();
        return p;
    }

    /** Exit 1 with one line and no stack trace, or exit 0. */
    private static boolean succeeded(Cli r) {
        Statistics.collect(r.code() == 0 ? "exit 0" : "exit 1");
        if (r.code() == 0) {
            return true;
        }
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err());
        return false;
    }

    /** Every number in a JSON document is finite. */
    private static void assertFiniteJson(String json) {
        assertFinite(Trees.parseYaml(json, "stdout"), json);
    }

    private static void assertFinite(Object v, String whole) {
        if (v instanceof Number n) {
            assertTrue(Double.isFinite(n.doubleValue()), whole);
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> assertFinite(x, whole));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> assertFinite(x, whole));
        } else if (v instanceof String s) {
            assertTrue(!s.equals("NaN") && !s.contains("Infinity"), whole);
        }
    }

    @Provide
    Arbitrary<MalformedInputPropertyTest.Table> tables() {
        return TABLES.tables();
    }

    /** Headerless embeddings (rows of one or two generated cells, the same number in every row but where a row is damaged) and their labels, one per line. */
    record Labelled(String embeddings, String labels) {
        /** The same rows as one CSV with a header and the labels in a last column named label. */
        String table() {
            List<String> x = embeddings.lines().toList();
            List<String> y = labels.lines().toList();
            int width = x.isEmpty() ? 1 : x.get(0).split(",", -1).length;
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < width; j++) {
                sb.append('e').append(j).append(',');
            }
            sb.append("label\n");
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                sb.append(i < x.size() ? x.get(i) : "").append(',').append(i < y.size() ? y.get(i) : "").append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Mostly well-formed pairs (as many labels as rows, a few classes), sometimes with a bad number, a stray
     * second label column, an empty label, or one label too many or too few.
     */
    @Provide
    Arbitrary<Labelled> labelled() {
        Arbitrary<String> cell = Arbitraries.frequencyOf(Tuple.of(300, Arbitraries.of(MalformedInputPropertyTest.GOOD_NUMBERS)),
                Tuple.of(1, Arbitraries.of(MalformedInputPropertyTest.BAD_NUMBERS)));
        Arbitrary<String> label = Arbitraries.frequencyOf(Tuple.of(150, Arbitraries.of("a", "b", "c", "7")), Tuple.of(1, Arbitraries.of("a,b", " ", "")));
        return Combinators.combine(Arbitraries.integers().between(0, 14), Arbitraries.integers().between(1, 2)).flatAs((n, width) -> Combinators.combine(
                cell.list().ofSize(width).map(r -> String.join(",", r)).list().ofSize(n), label.list().ofSize(n), Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(0)), Tuple.of(1, Arbitraries.of(-1, 1))))
                .as((xs, ys, skew) -> {
                    List<String> y = new ArrayList<>(ys);
                    if (skew < 0 && !y.isEmpty()) {
                        y.remove(y.size() - 1);
                    } else if (skew > 0) {
                        y.add("a");
                    }
                    return new Labelled(lines(xs), lines(y));
                }));
    }

    private static String lines(List<String> rows) {
        return rows.isEmpty() ? "" : String.join("\n", rows) + "\n";
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void predictGivesOneLineOrFiniteConfidences(@ForAll("labelled") Labelled gallery, @ForAll("labelled") Labelled queries,
            @ForAll @IntRange(min = -1, max = 3) int k) {
        Cli r = Cli.run("predict", "--data", file(queries.table()).toString(), "--reference", file(gallery.table()).toString(), "--k",
                Integer.toString(k), "--reject-rate", "0.25");
        if (!succeeded(r)) {
            return;
        }
        String[] lines = r.out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            assertTrue(Double.isFinite(Double.parseDouble(cells[2])) && Double.isFinite(Double.parseDouble(cells[3])), r.out());
        }
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void identifyGivesOneLineOrFiniteValues(@ForAll("labelled") Labelled d) {
        Cli r = Cli.run("identify", "--embeddings", file(d.embeddings()).toString(), "--labels", file(d.labels()).toString(), "--unknown-classes", "c",
                "--far", "0.5,0.1");
        if (succeeded(r)) {
            assertFiniteJson(r.out());
        }
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void verifyGivesOneLineOrFiniteValues(@ForAll("labelled") Labelled test, @ForAll("labelled") Labelled validation) {
        Cli r = Cli.run("verify", "--embeddings", file(test.embeddings()).toString(), "--labels", file(test.labels()).toString(),
                "--validation-embeddings", file(validation.embeddings()).toString(), "--validation-labels", file(validation.labels()).toString(),
                "--far", "0.1");
        if (succeeded(r)) {
            assertFiniteJson(r.out());
        }
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void fewshotGivesOneLineOrFiniteValues(@ForAll("labelled") Labelled d, @ForAll @IntRange(min = 0, max = 3) int ways) {
        Cli r = Cli.run("fewshot", "--embeddings", file(d.embeddings()).toString(), "--labels", file(d.labels()).toString(), "--ways",
                Integer.toString(ways),
                "--shots", "1", "--queries", "1", "--episodes", "20");
        if (succeeded(r)) {
            assertFiniteJson(r.out());
        }
    }

    /** A small two-tower model over columns e0 (modality A) and e1 (modality B), fitted once for the crossmodal property. */
    private static Path crossModalModel() {
        StringBuilder s = new StringBuilder("e0,e1,label\n");
        for (int i = 0; i < 24; i++) {
            s.append(i % 3).append(',').append(2 - i % 3).append(",k").append(i % 3).append('\n');
        }
        Path model = DIR.resolve("cross_modal.json");
        if (!Files.exists(model)) {
            Cli fit = Cli.run("fit", "--learner", "cross_modal", "--data", file(s.toString()).toString(), "--out", model.toString(), "--param",
                    "modalities=[[0,0],[1,1]]", "--param", "hidden=4", "--param", "embedding_size=2", "--param", "epochs=1", "--param", "batch_size=6",
                    "--param", "m=2");
            assertEquals(0, fit.code(), fit.err());
        }
        return model;
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void crossmodalGivesOneLineOrFiniteValues(@ForAll("labelled") Labelled d) {
        Cli r = Cli.run("crossmodal", "--model", crossModalModel().toString(), "--data", file(d.table()).toString());
        if (succeeded(r)) {
            assertFiniteJson(r.out());
        }
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void indexBuildAndSearchGiveOneLineOrFiniteDistances(@ForAll("tables") MalformedInputPropertyTest.Table gallery,
            @ForAll("tables") MalformedInputPropertyTest.Table queries) {
        Path index = fresh();
        if (!succeeded(Cli.run("index", "build", "--data", file(gallery.bytes()).toString(), "--out", index.toString()))) {
            return;
        }
        Cli r = Cli.run("index", "search", "--index", index.toString(), "--queries", file(queries.bytes()).toString(), "--k", "2");
        if (!succeeded(r)) {
            return;
        }
        String[] lines = r.out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            assertTrue(Double.isFinite(Double.parseDouble(lines[i].split(",")[3])), r.out());
        }
    }
}
