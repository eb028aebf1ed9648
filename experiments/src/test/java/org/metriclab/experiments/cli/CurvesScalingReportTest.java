package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on a run with a train_sizes sweep and a learner that reports per-epoch curves (the test
 * learner {@code chatty_test}): the learning-curve plots per curve and the t-SNE embedding scatter.
 */
class CurvesScalingReportTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void runTheSweep() throws Exception {
        Path cfg = tmp.resolve("sweep.yaml");
        Files.writeString(cfg, """
                name: sweep
                datasets: [iris]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 1, train_sizes: [30, 60]}
                seeds: [0, 1]
                learners: [{type: euclidean}, {type: chatty_test, label: chatty}]
                measures: [precision_at_1]
                """);
        run = tmp.resolve("sweep");
        Cli r = Cli.run("run", cfg.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| iris (n=30) |") && r.out().contains("| iris (n=60) |"), r.out());
    }

    private static List<String> titles(String page) throws Exception {
        Matcher m = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\">").matcher(page);
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertTrue(img.getWidth() > 200 && img.getWidth() <= 1008, m.group(1));
            titles.add(m.group(1));
        }
        return titles;
    }

    @Test
    void reportDrawsEveryCurvePerSizeAndTsneScatter() throws Exception {
        Path html = tmp.resolve("a/report.html");
        Cli r = Cli.run("report", run.toString(), "--out", html.toString(), "--embeddings", "--projection", "tsne");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        List<String> titles = titles(page);
        // the two training sizes are two columns of the CD diagram's blocks; the training curves are one figure per curve with a panel per learner
        List<String> expected = new ArrayList<>(List.of("Average ranks by precision_at_1", "precision_at_1 by learner and dataset",
                "precision_at_1 per dataset", "Precision at k", "Recall at k", "Precision–recall curves", "Training objective per iteration",
                "Training loss per epoch", "Validation MAP@R per epoch"));
        expected.add("Test embeddings of euclidean on iris");
        expected.add("Test embeddings of chatty on iris");
        List<String> withoutFitTime = titles.stream().filter(t -> !t.equals("Fit time vs training-set size")).toList();
        assertEquals(expected, withoutFitTime, "fit time is plotted only when the fits took measurable time");
        assertTrue(page.contains("<figure id=\"validation_map_at_r_per_learner\">"), "figure ids are file stems");
        assertTrue(page.contains("shown by t-SNE (exact, perplexity min(30, (n-1)/3), 1000 iterations, seed 0)"), "caption names the projection");
        Path svg = tmp.resolve("a/plots/epoch_loss_per_learner.svg");
        assertTrue(Files.readString(svg).contains("<svg"), "SVG written next to the PNG");

        Path again = tmp.resolve("b/report.html");
        assertEquals(0, Cli.run("report", run.toString(), "--out", again.toString(), "--embeddings", "--projection", "tsne").code());
        for (String stem : List.of("embedding_iris_euclidean", "embedding_iris_chatty")) {
            assertEquals(Files.readString(tmp.resolve("a/plots/" + stem + ".svg")), Files.readString(tmp.resolve("b/plots/" + stem + ".svg")),
                    "t-SNE is seeded: the same plot twice (" + stem + ")");
        }
        Cli pca = Cli.run("report", run.toString(), "--out", tmp.resolve("c/report.html").toString(), "--embeddings");
        assertEquals(0, pca.code(), pca.err());
        assertTrue(Files.readString(tmp.resolve("c/report.html")).contains("shown on its first two principal components"), "PCA is the default");
        Cli bad = Cli.run("report", run.toString(), "--out", tmp.resolve("d/report.html").toString(), "--embeddings", "--projection", "umap");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.oneLineError() && bad.err().contains("--projection must be pca or tsne, got 'umap'"), bad.err());
    }

    @Test
    void curvesAndNTrainAreInTheResultsFilesAndTheDatasetKeepsItsName() throws Exception {
        List<String> curves = Files.readAllLines(run.resolve("curves.csv"));
        assertEquals("dataset,label,seed,split,n_train,curve,step,value", curves.get(0));
        assertTrue(curves.contains("iris,chatty,1,0,30,validation_map_at_r,1,0.25"), curves.toString());
        List<String> rows = Files.readAllLines(run.resolve("rows.csv"));
        assertTrue(rows.get(0).startsWith("dataset,learner,label,params,seed,split,n_train,measure,"), rows.get(0));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("iris,euclidean,euclidean,{},0,0,60,precision_at_1,")), rows.toString());
    }
}
