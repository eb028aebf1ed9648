package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} prints the tables; {@code table} rebuilds them from the results directory alone. */
class RunAndTableCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runPrintsTablesAndTableRebuildsThem() throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, """
                name: small
                datasets: [iris, wine]
                seeds: [0, 1]
                learners: [{type: euclidean}, {type: covariance, label: mahalanobis}]
                measures: [precision_at_1, knn_accuracy_5]
                """);
        Path out = tmp.resolve("out");
        Cli run = Cli.run("run", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("### precision_at_1"), run.out());
        assertTrue(run.out().contains("| dataset | euclidean | mahalanobis |"), run.out());
        assertTrue(run.err().contains("8/8"), "line-per-update progress: " + run.err());

        Cli md = Cli.run("table", out.toString(), "--format", "markdown", "--measure", "knn_accuracy_5");
        assertEquals(0, md.code(), md.err());
        assertEquals("### knn_accuracy_5\n\n" + Files.readString(out.resolve("tables/knn_accuracy_5.md")), md.out());
        Cli tex = Cli.run("table", out.toString(), "--format", "latex");
        assertTrue(tex.out().contains("\\begin{tabular}{lcc}") && tex.out().contains("% precision_at_1"), tex.out());
        Cli csv = Cli.run("table", out.toString(), "--format", "csv");
        assertEquals(1 + 2 * 2 * 2, csv.out().strip().split("\n").length, csv.out());

        Cli bad = Cli.run("table", out.toString(), "--measure", "roc_auc");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("it has: precision_at_1, knn_accuracy_5"), bad.err());

        Cli again = Cli.run("run", cfg.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("8 trials (8 resumed)"), again.out());
    }

    @Test
    void listsLearnersDatasetsAndMeasures() {
        Cli l = Cli.run("list", "learners");
        assertEquals(0, l.code());
        assertTrue(l.out().contains("euclidean") && l.out().contains("covariance"), l.out());
        Cli d = Cli.run("list", "datasets");
        assertTrue(d.out().contains("iris") && d.out().contains("150 × 4, 3 classes") && d.out().contains("fashion_mnist"), d.out());
        Cli m = Cli.run("list", "measures");
        assertTrue(m.out().contains("mean_average_precision_at_r") && m.out().contains("knn_accuracy_<k>"), m.out());
        Cli losses = Cli.run("list", "losses");
        assertEquals(0, losses.code());
        assertTrue(losses.out().lines().toList().containsAll(List.of("contrastive", "triplet_margin", "soft_triple")), losses.out());
        Cli miners = Cli.run("list", "miners");
        assertTrue(miners.out().lines().toList().containsAll(List.of("batch_hard", "angular")), miners.out());
    }
}
