package org.example.metriclab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.example.metriclab.fisher.FisherCatalog;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.cli.Main;

/**
 * The extension's learner, measure and dataset source show up in the unchanged {@code metriclab} command line:
 * in the listings and, next to the built-in learners, in a results table.
 */
class ExtensionInTheFrameworkTest {
    @TempDir
    Path tmp;

    record Cli(int code, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void listLearnersShowsTheNewLearnerWithItsFamily() {
        Cli l = Cli.run("list", "learners");
        assertEquals(0, l.code(), l.err());
        String line = l.out().lines().filter(s -> s.startsWith("fisher_scaling ")).findFirst().orElseThrow(() -> new AssertionError(l.out()));
        assertTrue(line.matches("fisher_scaling\\s+example\\s+diagonal Fisher scaling.*"), line);
        assertTrue(l.out().contains("euclidean ") && l.out().contains("covariance "), l.out());
    }

    @Test
    void aSecondJarReusingTheNameFailsLoudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Learners.of(List.of(new BaselineCatalog(), new FisherCatalog(), new FisherCatalog())));
        assertTrue(e.getMessage().contains("learner name 'fisher_scaling' is registered twice: by org.example.metriclab.fisher.FisherCatalog"),
                e.getMessage());
    }

    @Test
    void listMeasuresShowsTheNewMeasure() {
        Cli m = Cli.run("list", "measures");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().lines().anyMatch("ndcg_at_10"::equals) && m.out().contains("precision_at_<k>"), m.out());
    }

    @Test
    void listDatasetsShowsTheNewSource() {
        Cli d = Cli.run("list", "datasets");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().lines().anyMatch(s -> s.matches("noisy_blobs\\s+source\\s+150 × 10, 3 classes.*NoisyBlobsSource\\)")), d.out());
    }

    @Test
    void theDemoConfigPutsTheNewLearnerAndMeasureInTheTablesNextToTheBuiltIns() throws Exception {
        Path cfg = Path.of("configs", "fisher-demo.yaml"); // the config the README shows, relative to this project
        Path out = tmp.resolve("results");
        Cli run = Cli.run("run", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, run.code(), run.err());
        System.out.println(run.out());
        String table = Files.readString(out.resolve("tables/precision_at_1.md"));
        assertTrue(table.contains("| dataset | euclidean | covariance | fisher_scaling | fisher_raw |"), table);
        List<Double> noisy = cells(table, "noisy_blobs");
        List<Double> wine = cells(table, "wine");
        assertEquals(4, noisy.size(), table);
        assertEquals(4, wine.size(), table);
        // 8 of 10 features are noise: weighting by Fisher score must beat plain and covariance distances clearly
        assertTrue(noisy.get(2) > noisy.get(0) + 0.05 && noisy.get(2) > noisy.get(1) + 0.05, table);
        // the normalisation is a global scale: it cannot change any ranking
        assertEquals(noisy.get(2), noisy.get(3), 1e-12, table);
        assertEquals(wine.get(2), wine.get(3), 1e-12, table);
        assertTrue(wine.get(2) > 0.85, "fisher_scaling on wine: " + table);
        String ndcg = Files.readString(out.resolve("tables/ndcg_at_10.md"));
        assertTrue(ndcg.contains("| dataset | euclidean | covariance | fisher_scaling | fisher_raw |"), ndcg);
        List<Double> ndcgNoisy = cells(ndcg, "noisy_blobs");
        assertEquals(4, ndcgNoisy.size(), ndcg);
        assertTrue(ndcgNoisy.stream().allMatch(v -> v > 0 && v <= 1), ndcg);
        assertTrue(ndcgNoisy.get(2) > ndcgNoisy.get(0), ndcg);
        String rows = Files.readString(out.resolve("rows.csv"));
        assertTrue(rows.contains("fisher_scaling") && rows.contains("ndcg_at_10"), rows);
    }

    /** The leading numbers of a Markdown table row's cells ("**0.95** ± ..." or "0.95 (1)"). */
    private static List<Double> cells(String table, String row) {
        String line = table.lines().filter(s -> s.startsWith("| " + row + " |")).findFirst().orElseThrow(() -> new AssertionError(table));
        Matcher m = Pattern.compile("\\|\\s*\\**([0-9]\\.[0-9]+)").matcher(line);
        List<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }
}
