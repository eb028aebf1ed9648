package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metriclab figure}: every kind from one real run, the three formats, and one-line errors that write nothing. */
class FigureCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void runOnce() throws Exception {
        Path cfg = tmp.resolve("fig.yaml");
        Files.writeString(cfg, """
                name: fig
                datasets: [iris, wine]
                seeds: [0, 1]
                learners: [{type: euclidean}, {type: nca, params: {max_iter: 5}}]
                measures: [precision_at_1, tar_at_far_0_01]
                """);
        run = tmp.resolve("run");
        Cli r = Cli.run("run", cfg.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void runnerRecordsTheEvaluationCurves() throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("retrieval_curves.csv"));
        assertEquals("dataset,label,seed,split,n_train,curve,x,y,engine", lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.endsWith(",exact")), "every point of an exact run comes from the exact engine");
        for (String curve : List.of("precision_at_k", "recall_at_k", "precision_recall", "roc", "det")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("iris,nca,1,0,") && l.contains("," + curve + ",")), curve);
        }
        // P@1 of the curve is the run's precision_at_1 of that trial
        String p1 = lines.stream().filter(l -> l.startsWith("wine,euclidean,0,0,") && l.contains(",precision_at_k,1.0,")).findFirst().orElseThrow();
        String row = Files.readAllLines(run.resolve("rows.csv")).stream()
                .filter(l -> l.startsWith("wine,euclidean,euclidean,{},0,0,") && l.contains(",precision_at_1,")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(row.split(",")[8]), Double.parseDouble(p1.split(",")[7]), 1e-12, row + " / " + p1);
    }

    @Test
    void cdAsPdfSvgAndPng() throws Exception {
        Path pdf = tmp.resolve("cd.pdf");
        Cli r = Cli.run("figure", "cd", run.toString(), "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-") && text.trim().endsWith("%%EOF") && text.contains("/MediaBox [0.0 0.0 504.0 "), "a complete 7-in PDF");
        assertXrefPointsAtObjects(text);
        Path svg = tmp.resolve("cd.svg");
        assertEquals(0, Cli.run("figure", "cd", run.toString(), "--out", svg.toString(), "--test", "wilcoxon_holm", "--width", "column").code());
        var root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
        assertEquals("238.0pt", root.getAttribute("width"), "3.3 in column");
        Path png = tmp.resolve("cd.png");
        assertEquals(0, Cli.run("figure", "cd", run.toString(), "--out", png.toString()).code());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        assertEquals(1008, img.getWidth());
    }

    @Test
    void everyKindDraws() throws Exception {
        for (String kind : List.of("heatmap", "dots", "curves", "scaling", "pr", "roc", "embedding")) {
            Path out = tmp.resolve(kind + ".svg");
            Cli r = Cli.run("figure", kind, run.toString(), "--out", out.toString(), "--measure", "tar_at_far_0_01");
            assertEquals(0, r.code(), kind + ": " + r.err());
            assertTrue(Files.readString(out).contains("</svg>"), kind);
        }
        Cli d = Cli.run("figure", "dots", run.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(Files.exists(run.resolve("figures/dots_precision_at_1.pdf")), "default --out: RESULTS_DIR/figures/<name>.pdf");
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        refused("is not a results directory (no rows.csv)", "cd", empty.toString());
        refused("is not a directory", "cd", tmp.resolve("missing").toString());
        Path headerOnly = Files.createDirectories(tmp.resolve("header"));
        Files.writeString(headerOnly.resolve("rows.csv"), "dataset,learner,label,params,seed,split,n_train,measure,value,fit_seconds,warnings\n");
        refused("has no results yet", "heatmap", headerOnly.toString());
        List<String> rows = Files.readAllLines(run.resolve("rows.csv"));
        Path oneLearner = results("one-learner", rows.stream().filter(l -> !l.contains(",nca,")).toList());
        refused("a CD diagram needs at least 2 learners and 2 datasets", "cd", oneLearner.toString());
        Path oneDataset = results("one-dataset", rows.stream().filter(l -> !l.startsWith("wine,")).toList());
        refused("a CD diagram needs at least 2 learners and 2 datasets", "cd", oneDataset.toString());
        List<String> torn = new java.util.ArrayList<>(rows);
        torn.set(3, torn.get(3).substring(0, 20));
        refused("rows.csv:4:", "dots", results("torn", torn).toString());
        refused("--measure 'map' is not in this run; it has: precision_at_1, tar_at_far_0_01", "cd", run.toString(), "--measure", "map");
        refused("must end in .pdf, .svg or .png", "cd", run.toString(), "--out", tmp.resolve("cd.jpg").toString());
        Path noCurves = results("no-curves", rows);
        refused("no such curves in", "roc", noCurves.toString());
    }

    /** The cross-reference table that startxref names lists, for each object in use, the offset where "k 0 obj" starts. */
    private static void assertXrefPointsAtObjects(String pdf) {
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("startxref\\s+(\\d+)").matcher(pdf);
        int at = -1;
        while (start.find()) {
            at = Integer.parseInt(start.group(1));
        }
        java.util.regex.Matcher head = java.util.regex.Pattern.compile("xref\\s+(\\d+)\\s+(\\d+)\\s+").matcher(pdf);
        assertTrue(at >= 0 && head.find(at) && head.start() == at, "startxref points at the xref table");
        int first = Integer.parseInt(head.group(1));
        int count = Integer.parseInt(head.group(2));
        int used = 0;
        for (int i = 0; i < count; i++) {
            String entry = pdf.substring(head.end() + 20 * i, head.end() + 20 * i + 18);
            if (entry.endsWith("n")) {
                int offset = Integer.parseInt(entry.substring(0, 10));
                assertTrue(pdf.startsWith((first + i) + " 0 obj", offset), "object " + (first + i) + " at " + offset);
                used++;
            }
        }
        assertTrue(used >= 4, "catalog, pages, page and content at least: " + used);
    }

    /** A results directory holding just these rows.csv lines. */
    private static Path results(String name, List<String> lines) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("rows.csv"), String.join("\n", lines) + "\n");
        return dir;
    }

    private static void refused(String message, String... args) throws Exception {
        Path out = tmp.resolve("refused.pdf");
        String[] all = args;
        if (!List.of(args).contains("--out")) {
            all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--out", out.toString()))
                    .toArray(String[]::new);
        }
        String[] command = new String[all.length + 1];
        command[0] = "figure";
        System.arraycopy(all, 0, command, 1, all.length);
        Cli r = Cli.run(command);
        assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.oneLineError() && r.err().contains(message), r.err());
        assertFalse(Files.exists(out), "nothing written for " + String.join(" ", args));
    }
}
