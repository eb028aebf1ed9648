package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code table} options, {@code compare} and {@code report} on two small real runs (iris and wine, two seeds). */
class PublishingCommandsTest {
    @TempDir
    static Path tmp;
    static Path runA;
    static Path runB;

    @BeforeAll
    static void runTwoExperiments() throws Exception {
        runA = run("a", "datasets: [iris, wine]\nseeds: [0, 1]\nlearners: [{type: euclidean}, {type: covariance}]\n");
        runB = run("b", "datasets: [iris]\nseeds: [0, 1]\npreprocessing: {standardize: false}\n"
                + "learners: [{type: euclidean}, {type: covariance}]\n");
    }

    private static Path run(String name, String body) throws Exception {
        Path cfg = tmp.resolve(name + ".yaml");
        Files.writeString(cfg, "name: " + name + "\n" + body + "measures: [precision_at_1, precision_at_5, knn_accuracy_1]\n");
        Path out = tmp.resolve(name);
        Cli r = Cli.run("run", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void tableOptionsRowsExtrasAndErrors() {
        Cli t = Cli.run("table", runA.toString(), "--measure", "precision_at_1", "--rows", "learner", "--fit-time", "--dims");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("| learner | iris | iris time (s) | iris dim | wine |"), t.out());
        assertTrue(t.out().contains("| covariance | **0.911 ± 0.000** | "), t.out());
        assertTrue(t.out().contains("paired t-test"), t.out());
        Cli w = Cli.run("table", runA.toString(), "--measure", "precision_at_1", "--test", "wilcoxon");
        assertTrue(w.out().contains("Wilcoxon signed-rank test"), w.out());
        Cli bad = Cli.run("table", runA.toString(), "--rows", "colour");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.oneLineError() && bad.err().contains("known: dataset, learner, seed, split"), bad.err());
        Cli html = Cli.run("table", runA.toString(), "--format", "html", "--measure", "knn_accuracy_1");
        assertTrue(html.out().startsWith("<h3>knn_accuracy_1</h3>\n<table class=\"results\">"), html.out());
    }

    @Test
    void compareShowsConfigTrialAndCellChanges() {
        Cli c = Cli.run("compare", runA.toString(), runB.toString());
        assertEquals(0, c.code(), c.err());
        String out = c.out();
        assertTrue(out.contains("- name: a → b"), out);
        assertTrue(out.contains("- preprocessing.standardize: true → false"), out);
        assertTrue(out.contains("- removed datasets[1].name (was wine)"), out);
        assertTrue(out.contains("- 4 trials only in A (missing from B): wine / covariance / seed 0 / split 0; wine / covariance / seed 1 / split 0; wine / euclidean / seed 0 / split 0"), out);
        assertTrue(out.contains("- 0 trials only in B (added)"), out);
        // euclidean without standardisation on iris: 0.956 → a different value; wine is only in A
        assertTrue(out.contains("## precision_at_1 (B − A)"), out);
        assertTrue(Pattern.compile("\\| iris \\| [+-]0\\.\\d{3} \\(0\\.956 → 0\\.\\d{3}\\) \\|").matcher(out).find(), out);
        assertTrue(out.contains("| wine | only in A (1.000) |"), out);
        Cli same = Cli.run("compare", runA.toString(), runA.toString(), "--measure", "knn_accuracy_1");
        assertTrue(same.out().contains("No changes in config.resolved.yaml.") && same.out().contains("+0.000"), same.out());
        assertFalse(same.out().contains("precision_at_1 (B − A)"), same.out());
        Cli bad = Cli.run("compare", runA.toString(), tmp.toString());
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.oneLineError() && bad.err().contains("is not a results directory (no rows.csv)"), bad.err());
    }

    @Test
    void reportIsSelfContainedWithDecodableImages() throws Exception {
        Path html = tmp.resolve("out/report.html");
        Cli r = Cli.run("report", runA.toString(), "--out", html.toString(), "--embeddings");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(page).find(), "no external resources");
        assertTrue(page.contains("<h3>precision_at_1</h3>") && page.contains("Friedman") && page.contains("config_sha256")
                && page.contains("datasets:"), "tables, significance, provenance and config");
        Matcher m = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\">").matcher(page);
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertTrue(img.getWidth() > 200 && img.getWidth() <= 1008, m.group(1) + ": at most 7 in at 2 px per point, " + img.getWidth());
            titles.add(m.group(1));
        }
        // summary: CD diagram and heatmap of precision_at_1; dot plots of the 3 measures and CD diagrams of the other 2;
        // P@k, R@k and precision-recall; 2 datasets × 2 learners embeddings; fit time vs n when the fits took measurable time
        List<String> drawn = titles.stream().filter(t -> !t.equals("Fit time vs training-set size")).toList();
        assertEquals(List.of("Average ranks by precision_at_1", "precision_at_1 by learner and dataset", "precision_at_1 per dataset",
                "precision_at_5 per dataset", "Average ranks by precision_at_5", "knn_accuracy_1 per dataset", "Average ranks by knn_accuracy_1",
                "Precision at k", "Recall at k", "Precision–recall curves", "Test embeddings of euclidean on iris",
                "Test embeddings of covariance on iris", "Test embeddings of euclidean on wine", "Test embeddings of covariance on wine"), drawn);
        assertEquals(3 * titles.size(), Files.list(tmp.resolve("out/plots")).count(), "a PNG, an SVG and a PDF per figure");
        assertTrue(Files.readString(tmp.resolve("out/plots/cd_precision_at_1.svg")).contains("<svg"));
        assertTrue(new String(Files.readAllBytes(tmp.resolve("out/plots/cd_precision_at_1.pdf")), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        assertTrue(page.indexOf("<h2>Summary</h2>") < page.indexOf("<h2>Tables</h2>") && page.contains("<table class=\"best\">"),
                "the summary comes first");
        assertFalse(page.contains("images loaded"), "no debugging text");
        chromiumLoadsEveryImage(html, titles.size());
    }

    /** Runs only where a chromium binary is installed (see scripts/check-report.sh); otherwise the decoding above stands. */
    private static void chromiumLoadsEveryImage(Path html, int images) throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (chromium == null) {
            return;
        }
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                html.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String text = new String(dom, StandardCharsets.UTF_8);
        assertTrue(text.contains("data-loaded=\"" + images + "\" data-total=\"" + images + "\""),
                "chromium decoded every image: " + text.substring(0, Math.min(300, text.length())));
    }
}
