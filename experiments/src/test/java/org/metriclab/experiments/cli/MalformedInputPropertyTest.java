package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.metriclab.experiments.data.NpyBytes;
import org.metriclab.experiments.jackson.Trees;

/**
 * Generated malformed CSV, label and model files fed to {@code fit}, {@code transform} and
 * {@code evaluate} through {@link Main#run}. Each run ends either with exit 1 and exactly one line on
 * stderr (no stack trace), or with exit 0 and a result checked against an independent expectation:
 * a file the generator knows to be malformed never gives exit 0, and a result is never non-finite.
 * Inputs are a few rows, so each property runs in seconds.
 */
class MalformedInputPropertyTest {
    static final List<String> GOOD_NUMBERS = List.of("0", "1", "-2.5", "1e3", ".5", "+7", "1e150", "-3E-2", " 4 ");
    static final List<String> BAD_NUMBERS = List.of("NaN", "Infinity", "-inf", "5.1d", "3.5f", "0x1p3", "1e308", "", "x", "1_0", "\"1\"");
    private static final List<String> LABELS = List.of("0", "1", "2147483648", "2147483649", "-99999999999999999999", "cat", "dog");
    private static final Path DIR = tempDir();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("metriclab-properties");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String suffix, byte[] bytes) {
        try {
            Path p = DIR.resolve(COUNTER.incrementAndGet() + suffix);
            Files.write(p, bytes);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path out(String suffix) {
        Path p = DIR.resolve(COUNTER.incrementAndGet() + suffix);
        p.toFile().deleteOnExit();
        return p;
    }

    /** Exit 1 with one line and no stack trace. */
    private static void assertOneLineError(Cli r) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err());
    }

    /** A labelled table as written: header cells, rows of cells, and the ways the file can be damaged. */
    record Table(List<String> header, List<List<String>> rows, boolean bom, boolean crlf, int blankAfter, int badByteAt) {
        int labelAt() {
            int at = header.indexOf("label");
            return at >= 0 ? at : header.size() - 1;
        }

        /** Whether a strict reader must accept this file, judged from how it was generated. */
        boolean wellFormed() {
            List<String> names = header.stream().map(String::trim).toList();
            if (badByteAt >= 0 || names.size() < 2 || names.contains("") || new HashSet<>(names).size() != names.size() || rows.isEmpty()) {
                return false;
            }
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    return false;
                }
                for (int j = 0; j < r.size(); j++) {
                    if (j == labelAt() ? r.get(j).isBlank() : !GOOD_NUMBERS.contains(r.get(j))) {
                        return false;
                    }
                }
            }
            return true;
        }

        byte[] bytes() {
            String nl = crlf ? "\r\n" : "\n";
            StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "").append(String.join(",", header)).append(nl);
            for (int i = 0; i < rows.size(); i++) {
                sb.append(String.join(",", rows.get(i))).append(nl);
                if (i == blankAfter) {
                    sb.append(nl);
                }
            }
            byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (badByteAt < 0) {
                return text;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int at = badByteAt % (text.length + 1);
            b.write(text, 0, at);
            b.write(0xFF);
            b.write(text, at, text.length - at);
            return b.toByteArray();
        }
    }

    static Arbitrary<String> cell() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(GOOD_NUMBERS)),
                Tuple.of(1, Arbitraries.of(BAD_NUMBERS)));
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<List<String>> header = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(List.of("a", "b", "label"))),
                Tuple.of(2, Arbitraries.of("a", "b", "c", "label", "", " a").list().ofMinSize(1).ofMaxSize(5)));
        return header.flatMap(h -> {
            Arbitrary<List<String>> row = Arbitraries.frequencyOf(
                    Tuple.of(10, cell().list().ofSize(h.size())),
                    Tuple.of(1, cell().list().ofMinSize(1).ofMaxSize(h.size() + 1)));
            Arbitrary<List<List<String>>> rows = Combinators.combine(row, Arbitraries.of(LABELS)).as((r, l) -> {
                List<String> out = new ArrayList<>(r);
                int at = h.indexOf("label") >= 0 ? h.indexOf("label") : h.size() - 1;
                if (at < out.size() && r.size() == h.size()) {
                    out.set(at, l);
                }
                return (List<String>) out;
            }).list().ofMinSize(0).ofMaxSize(6);
            return Combinators.combine(rows, Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(-1, 5),
                    Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 200))))
                    .as((r, bom, crlf, blank, bad) -> new Table(h, r, bom, crlf, blank, bad));
        });
    }

    @Property(tries = 80)
    void fitAcceptsExactlyTheWellFormedFilesAndTransformReproducesThem(@ForAll("tables") Table t) throws IOException {
        Path data = file(".csv", t.bytes());
        Path model = out(".json");
        Cli fit = Cli.run("fit", "--learner", "euclidean", "--data", data.toString(), "--out", model.toString());
        if (fit.code() != 0 || !t.wellFormed()) {
            assertOneLineError(fit);
            return;
        }
        List<String> features = new ArrayList<>(t.header().stream().map(String::trim).toList());
        features.remove(t.labelAt());
        assertEquals(features, ((Map<?, ?>) Trees.readJson(model)).get("features"));
        Path emb = out(".csv");
        Cli tr = Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", emb.toString());
        assertEquals(0, tr.code(), tr.err());
        List<String> lines = Files.readAllLines(emb);
        assertEquals(t.rows().size() + 1, lines.size());
        for (int i = 0; i < t.rows().size(); i++) {
            String[] got = lines.get(i + 1).split(",");
            int k = 0;
            for (int j = 0; j < t.header().size(); j++) {
                if (j != t.labelAt()) {
                    assertEquals(Double.parseDouble(t.rows().get(i).get(j).trim()), Double.parseDouble(got[k++]), "row " + i + " column " + j);
                }
            }
            assertEquals(t.rows().get(i).get(t.labelAt()).trim(), got[k], "the label is carried verbatim");
        }
    }

    @Property(tries = 100)
    void transformAcceptsOnlyWellFormedDataInTheModelsFormat(@ForAll("tables") Table t) {
        Path model = goodModel();
        Path data = file(".csv", t.bytes());
        Path emb = out(".csv");
        Cli tr = Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", emb.toString());
        // columns are matched by name, so the model's columns in any order are its format
        boolean sameFormat = t.header().stream().map(String::trim).sorted().toList().equals(List.of("a", "b", "label"));
        if (tr.code() != 0 || !t.wellFormed() || !sameFormat) {
            assertOneLineError(tr);
            return;
        }
        assertTrue(Files.exists(emb));
    }

    /** Labels as written in a labels file: one value per line, sometimes two columns or an empty value. */
    @Provide
    Arbitrary<List<String>> labelLines() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(LABELS)),
                Tuple.of(1, Arbitraries.of("0,1", "1,", " ", "a,b")))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 100)
    void evaluateScoresAnyLabelSpellingLikeItsDenseNumbering(@ForAll("labelLines") List<String> labels,
            @ForAll("cells") List<String> cells) throws IOException {
        StringBuilder e = new StringBuilder();
        boolean numbersValid = true;
        for (int i = 0; i < labels.size(); i++) {
            String second = i % 2 == 0 ? "0.5" : cells.get(i);
            numbersValid &= GOOD_NUMBERS.contains(second) || second.equals("0.5");
            e.append(i % 3).append(',').append(second).append('\n');
        }
        Path emb = file(".csv", e.toString().getBytes(StandardCharsets.UTF_8));
        Path lab = file(".csv", (String.join("\n", labels) + "\n").getBytes(StandardCharsets.UTF_8));
        Cli r = Cli.run("evaluate", "--embeddings", emb.toString(), "--labels", lab.toString(), "--measures", "precision_at_1,r_precision");
        boolean valid = labels.stream().allMatch(LABELS::contains) && numbersValid;
        if (r.code() != 0 || !valid) {
            assertOneLineError(r);
            return;
        }
        Map<String, Integer> dense = new LinkedHashMap<>();
        StringBuilder small = new StringBuilder();
        for (String l : labels) {
            small.append(dense.computeIfAbsent(l, k -> dense.size())).append('\n');
        }
        Cli ref = Cli.run("evaluate", "--embeddings", emb.toString(), "--labels", file(".csv", small.toString().getBytes(StandardCharsets.UTF_8)).toString(),
                "--measures", "precision_at_1,r_precision");
        assertEquals(0, ref.code(), ref.err());
        assertEquals(ref.out(), r.out(), "labels are classes, whatever their spelling");
        for (Object v : ((Map<?, ?>) Trees.parseYaml(r.out(), "stdout")).values()) {
            assertTrue(v == null || Double.isFinite(((Number) v).doubleValue()), r.out());
        }
    }

    @Provide
    Arbitrary<List<String>> cells() {
        return cell().list().ofSize(8);
    }

    /** A .npy header as NumPy writes it, with generated dtype and shape, and a generated body length. */
    @Provide
    Arbitrary<byte[]> npyFiles() {
        Arbitrary<String> descr = Arbitraries.of("<f8", "<f4", ">f8", "<i8", "|u1", "<f2", "|O", "<c8", "f8");
        Arbitrary<String> shape = Arbitraries.of("(2, 2)", "(3, 1)", "(4,)", "(-5,)", "(4294967296, 4294967296)", "(0, 2)", "(2, -1)",
                "(9223372036854775807, 9223372036854775807)", "(2, 2, 1)", "(x, 2)", "()");
        Arbitrary<String> fortran = Arbitraries.of("False", "False", "True");
        return Combinators.combine(descr, shape, fortran, Arbitraries.of(0, 4, 8, 12, 16, 24, 32, 33), Arbitraries.of(true, true, false))
                .as((d, s, f, body, magic) -> {
                    byte[] b = NpyBytes.of("{'descr': '" + d + "', 'fortran_order': " + f + ", 'shape': " + s + ", }", new byte[body]);
                    if (!magic) {
                        b[1] = 'X';
                    }
                    return b;
                });
    }

    @Property(tries = 100)
    void evaluateNpyGivesOneLineOrFiniteValues(@ForAll("npyFiles") byte[] embeddings, @ForAll("npyFiles") byte[] labels) {
        Path e = file(".npy", embeddings);
        Path l = file(".npy", labels);
        Cli r = Cli.run("evaluate", "--format", "npy", "--embeddings", e.toString(), "--labels", l.toString(), "--measures", "precision_at_1");
        if (r.code() != 0) {
            assertOneLineError(r);
            return;
        }
        Object v = ((Map<?, ?>) Trees.parseYaml(r.out(), "stdout")).get("precision_at_1");
        assertTrue(v == null || Double.isFinite(((Number) v).doubleValue()), r.out());
    }

    @Property(tries = 40)
    void runOnANpzArchiveGivesOneLineOrATable(@ForAll("npyFiles") byte[] x, @ForAll("npyFiles") byte[] labels,
                                             @ForAll @IntRange(min = 0, max = 3) int damage, @ForAll @IntRange(min = 0, max = 400) int cut)
            throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry(damage == 1 ? "features.npy" : "x.npy"));
            z.write(x);
            z.closeEntry();
            z.putNextEntry(new java.util.zip.ZipEntry("labels.npy"));
            z.write(labels);
            z.closeEntry();
        }
        byte[] bytes = zip.toByteArray();
        if (damage == 2) {
            bytes = java.util.Arrays.copyOf(bytes, Math.min(cut, bytes.length));
        }
        Path archive = file(".npz", damage == 3 ? x : bytes);
        Path config = file(".yaml", ("name: npz_garbage\ndatasets: [{name: g, npz: {file: '" + archive + "'}}]\n"
                + "learners: [{type: euclidean}]\nseeds: [0]\nmeasures: [precision_at_1]\n").getBytes(StandardCharsets.UTF_8));
        Cli r = Cli.run("run", config.toString(), "--out", out("-npz").toString());
        if (r.code() != 0) {
            assertOneLineError(r);
        }
    }


    /** A valid model's JSON with one field replaced by a generated value. */
    @Provide
    Arbitrary<String> damagedModels() {
        Arbitrary<String> field = Arbitraries.of("version", "features", "seed", "metric", "label_column", "kept", "mean", "std", "L", "kind", "type");
        Arbitrary<String> value = Arbitraries.of("\"1\"", "2", "-1", "null", "[]", "[0, 99]", "[[1e308, 0], [0, 1e308]]", "\"Infinity\"",
                "{}", "1.5", "[1, 2, 3]", "\"mahalanobis\"", "true", "[0, 0]", "[[1, 0]]");
        return Combinators.combine(field, value).as((f, v) -> goodModelJson().replaceFirst("\"" + f + "\" : (\\[[^\\]]*\\]|\"[^\"]*\"|[^,\\n]*)",
                "\"" + f + "\" : " + Matcher.quoteReplacement(v)));
    }

    @Property(tries = 100)
    void transformWithADamagedModelGivesOneLineOrFiniteRows(@ForAll("damagedModels") String json) throws IOException {
        Path model = file(".json", json.getBytes(StandardCharsets.UTF_8));
        Path data = file(".csv", "a,b,label\n1,2,0\n3,-4,1\n1e150,1e-150,2\n".getBytes(StandardCharsets.UTF_8));
        Path emb = out(".csv");
        Cli r = Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", emb.toString());
        if (r.code() != 0) {
            assertOneLineError(r);
            return;
        }
        for (String line : Files.readAllLines(emb).subList(1, 4)) {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        }
    }

    private static Path goodModel;
    private static String goodModelJson;

    private static synchronized Path goodModel() {
        if (goodModel == null) {
            Path data = file(".csv", "a,b,label\n1,2,0\n3,3,1\n2,5,0\n4,1,1\n".getBytes(StandardCharsets.UTF_8));
            goodModel = out(".json");
            Cli fit = Cli.run("fit", "--learner", "euclidean", "--standardize", "--data", data.toString(), "--out", goodModel.toString());
            assertEquals(0, fit.code(), fit.err());
            try {
                goodModelJson = Files.readString(goodModel);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return goodModel;
    }

    private static String goodModelJson() {
        goodModel();
        return goodModelJson;
    }
}
