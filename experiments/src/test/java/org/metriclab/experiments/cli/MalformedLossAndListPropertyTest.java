package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.metriclab.experiments.jackson.Trees;

/**
 * {@code loss} on generated batches (embeddings, labels, weights, loss, miner and parameters) and {@code list} on
 * generated arguments. {@code loss} ends with exit 1 and one line, or exit 0 with finite JSON numbers that do not depend
 * on how the numbers were spelt; {@code list} lists what was asked for or refuses the command line in one line.
 */
class MalformedLossAndListPropertyTest {
    private static final List<String> GOOD_LABELS = List.of("0", "1", "2", "0", "1", "2147483647");
    private static final List<String> BAD_LABELS = List.of("-1", "2147483648", "x", "1.5", "", "0,1", "NaN");
    private static final List<String> LOSSES = List.of("contrastive", "triplet_margin", "multi_similarity", "ntxent", "supcon", "proxy_anchor",
            "proxy_nca", "arcface", "cosface", "lifted_structure", "npairs", "circle", "softmax", "fisher", "nope", "TRIPLET_MARGIN", "");
    private static final List<String> BAD_PARAMS = List.of("margin=x", "margin=1e308", "margin=-1", "=", "foo=1", "margin=NaN", "margin",
            "margin=1e400", "margin=0x1p3");
    private static final List<String> MINERS = List.of("batch_hard", "triplet_margin", "pair_margin", "multi_similarity", "nope");

    /** One generated {@code loss} command: files as cells, so the same batch can be written again in canonical spelling. */
    record Batch(List<List<String>> embeddings, List<String> labels, Optional<List<List<String>>> weights, String loss, List<String> params,
            Optional<String> miner) {
        boolean cellsValid() {
            return embeddings.stream().allMatch(r -> r.size() == embeddings.get(0).size()
                    && r.stream().allMatch(MalformedInputPropertyTest.GOOD_NUMBERS::contains))
                    && weights.map(w -> w.stream().allMatch(r -> r.size() == w.get(0).size()
                    && r.stream().allMatch(MalformedInputPropertyTest.GOOD_NUMBERS::contains))).orElse(true)
                    && labels.stream().allMatch(GOOD_LABELS::contains);
        }

        List<String> args(Path dir, boolean canonical) throws IOException {
            List<String> a = new ArrayList<>(List.of("loss", "--loss", loss, "--embeddings", write(dir, "e.csv", embeddings, canonical),
                    "--labels", write(dir, "l.csv", labels.stream().map(List::of).toList(), false)));
            if (weights.isPresent()) {
                a.addAll(List.of("--weights", write(dir, "w.csv", weights.get(), canonical)));
            }
            params.forEach(p -> a.addAll(List.of("--param", p)));
            miner.ifPresent(m -> a.addAll(List.of("--miner", m)));
            return a;
        }

        private static String write(Path dir, String name, List<List<String>> rows, boolean canonical) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (List<String> r : rows) {
                sb.append(String.join(",", canonical ? r.stream().map(c -> Double.toString(Double.parseDouble(c.trim()))).toList() : r))
                        .append('\n');
            }
            Path p = dir.resolve((canonical ? "canonical-" : "") + name);
            Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
            return p.toString();
        }
    }

    private static Arbitrary<List<List<String>>> matrix(int minRows, int maxRows) {
        Arbitrary<List<String>> row = Arbitraries.frequencyOf(Tuple.of(12, MalformedInputPropertyTest.cell().list().ofSize(2)),
                Tuple.of(1, MalformedInputPropertyTest.cell().list().ofMinSize(1).ofMaxSize(3)));
        return row.list().ofMinSize(minRows).ofMaxSize(maxRows);
    }

    @Provide
    Arbitrary<Batch> batches() {
        Arbitrary<String> label = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of(GOOD_LABELS)), Tuple.of(1, Arbitraries.of(BAD_LABELS)));
        Arbitrary<Tuple.Tuple2<List<List<String>>, List<String>>> data = matrix(1, 5).flatMap(e -> Arbitraries.frequencyOf(
                Tuple.of(8, label.list().ofSize(e.size())), Tuple.of(1, label.list().ofMinSize(0).ofMaxSize(6))).map(l -> Tuple.of(e, l)));
        Arbitrary<Optional<List<List<String>>>> weights = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Optional.empty())),
                Tuple.of(1, matrix(1, 3).map(Optional::of)));
        Arbitrary<List<String>> params = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())),
                Tuple.of(1, Arbitraries.of(BAD_PARAMS).list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Optional<String>> miner = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.empty())),
                Tuple.of(1, Arbitraries.of(MINERS).map(Optional::of)));
        return Combinators.combine(data, weights, Arbitraries.of(LOSSES), params, miner)
                .as((d, w, loss, p, m) -> new Batch(d.get1(), d.get2(), w, loss, p, m));
    }

    @Property(tries = 80)
    void lossGivesFiniteNumbersOfTheBatchOrOneLineError(@ForAll("batches") Batch b) throws IOException {
        Path dir = Files.createTempDirectory("garbage-loss");
        try {
            Cli r = Cli.run(b.args(dir, false).toArray(String[]::new));
            if (r.code() != 0) {
                assertEquals(Main.BAD_INPUT, r.code(), b + "\n" + r.err());
                assertTrue(r.oneLineError() && !r.err().contains("internal error"), "one line, no stack trace: " + r.err() + " for " + b);
                return;
            }
            assertTrue(b.cellsValid() && b.labels().size() == b.embeddings().size(), "accepted " + b + "\n" + r.out());
            Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
            for (String key : List.of("value", "grad_norm")) {
                assertTrue(out.get(key) instanceof Number n && Double.isFinite(n.doubleValue()), key + " of " + b + ": " + r.out());
            }
            Cli canonical = Cli.run(b.args(dir, true).toArray(String[]::new));
            assertEquals(r.out(), canonical.out(), "the same numbers spelt otherwise give the same loss: " + b);
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    /** A margin near the largest double made the loss Infinity, printed with exit 0. */
    @Example
    void lossOfAHugeMarginIsOneLineError() throws IOException {
        lossGivesFiniteNumbersOfTheBatchOrOneLineError(new Batch(List.of(List.of("1", "0"), List.of("0", "1"), List.of("1", "1"), List.of(".5", "0")),
                List.of("0", "1", "0", "1"), Optional.empty(), "triplet_margin", List.of("margin=1e308"), Optional.empty()));
        Path dir = Files.createTempDirectory("garbage-loss");
        try {
            Batch b = new Batch(List.of(List.of("1", "0"), List.of("0", "1"), List.of("1", "1")), List.of("0", "1", "0"), Optional.empty(),
                    "triplet_margin", List.of("margin=1e308"), Optional.empty());
            Cli r = Cli.run(b.args(dir, false).toArray(String[]::new));
            assertEquals(Main.BAD_INPUT, r.code(), r.out());
            assertTrue(r.err().contains("not finite"), r.err());
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    @Example
    void listVersionPrintsTheVersion() {
        Cli r = Cli.run("list", "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("MetricLab "), r.out());
    }

    private static final Map<String, String> LISTINGS = new ConcurrentHashMap<>();

    private static String listing(String what) {
        return LISTINGS.computeIfAbsent(what, w -> {
            Cli r = Cli.run("list", w);
            assertEquals(0, r.code(), r.err());
            return r.out();
        });
    }

    @Provide
    Arbitrary<List<String>> listArguments() {
        return Arbitraries.of("learners", "datasets", "measures", "losses", "Miners", "MEASURES", "Learners", "measure", " learners", "x", "", "--all", "-h", "--help",
                "--version", "-", "--", "l\u00e9arners", "learners,measures").list().ofMinSize(0).ofMaxSize(2);
    }

    @Property(tries = 40)
    void listListsWhatWasAskedOrRefusesTheCommandLine(@ForAll("listArguments") List<String> args) {
        List<String> all = new ArrayList<>(List.of("list"));
        all.addAll(args);
        Cli r = Cli.run(all.toArray(String[]::new));
        List<String> options = args.stream().filter(a -> a.equals("-h") || a.equals("--help") || a.equals("--version")).toList();
        if (r.code() != 0) {
            assertTrue(r.code() == Main.USAGE || r.code() == Main.BAD_INPUT, args + ": exit " + r.code() + "\n" + r.err());
            assertTrue(r.oneLineError() && !r.err().contains("internal error"), args + ": " + r.err());
            return;
        }
        if (!options.isEmpty()) {
            assertTrue(r.out().startsWith("Usage: metriclab list") || options.contains("--version") && !r.out().isBlank(), r.out());
            return;
        }
        List<String> words = args.stream().filter(a -> !a.equals("--")).toList();
        assertEquals(1, words.size(), "exactly one thing to list: " + args);
        String what = words.get(0).toLowerCase(Locale.ROOT);
        assertTrue(List.of("learners", "datasets", "measures", "losses", "miners").contains(what), args.toString());
        assertEquals(listing(what), r.out(), args.toString());
        assertFalse(r.out().isBlank(), args.toString());
    }
}
