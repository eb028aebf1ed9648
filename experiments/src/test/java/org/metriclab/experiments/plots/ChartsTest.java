package org.metriclab.experiments.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.stats.CriticalDifference;

class ChartsTest {
    /** PNG decodes at twice the size in points, SVG is well-formed XML of the same size in pt, PDF is a complete document. */
    static BufferedImage checkFormats(Figure f) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertTrue(img.getWidth() > 100 && img.getHeight() > 50, f.name());
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(f.svg().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals("svg", svg.getTagName(), f.name());
        assertEquals(img.getWidth() / 2.0, Double.parseDouble(svg.getAttribute("width").replace("pt", "")), 1e-9, f.name());
        String pdf = new String(f.pdf(), StandardCharsets.ISO_8859_1);
        assertTrue(pdf.startsWith("%PDF-") && pdf.trim().endsWith("%%EOF"), f.name());
        // drawn, not blank: many distinct colours
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 3) {
            for (int y = 0; y < img.getHeight(); y += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, f.name() + ": colours " + colours.size());
        return img;
    }

    @Test
    void linesScatterPanelsAndDotsRenderToPngSvgAndPdf() throws Exception {
        Figure l = Charts.lines("lines", "Fit time vs n", "caption", "n", "seconds",
                Map.of("a", new Charts.Points(new double[] {10, 100, 1000}, new double[] {0.1, 1, 10})), true, true);
        Figure s = Charts.scatter("scatter", "Embeddings", "caption", "x", "y",
                Map.of("class 0", new Charts.Points(new double[] {0, 1}, new double[] {1, 0})));
        Map<String, Charts.Points> series = new LinkedHashMap<>();
        for (int i = 0; i < 23; i++) {
            series.put("learner " + i, new Charts.Points(new double[] {1, 2, 3}, new double[] {0.5 + i * 0.01, 0.6, 0.7}));
        }
        Figure p = Charts.panels("panels", "P@k", "caption", List.of(new Charts.LinePanel("iris", "k", "P@k", series, false, false),
                new Charts.LinePanel("wine", "k", "P@k", series, false, false)), List.copyOf(series.keySet()), PaperWidth.PAGE);
        Figure d = Charts.dots("dots", "dots", "caption", "precision_at_1", List.of(new Charts.DotPanel("iris", List.of("a", "b", "c"),
                new double[] {0.95, 0.97, 0.96}, new double[] {0.01, 0, 0.002})), PaperWidth.COLUMN);
        for (Figure f : List.of(l, s, p, d)) {
            checkFormats(f);
        }
        assertEquals(2 * PaperWidth.PAGE.points(), checkFormats(l).getWidth(), "7 in at 2 px per point");
        assertEquals(2 * PaperWidth.COLUMN.points(), checkFormats(d).getWidth(), "3.3 in");
        for (String name : series.keySet()) {
            assertTrue(p.svg().contains(">" + name + "<"), "the shared legend shows every series: " + name);
        }
    }

    @Test
    void heatmapPrintsEveryValueAndCdDiagramEveryLearner() throws Exception {
        Figure h = Heatmap.figure("heat", "heat", "caption", List.of("lmnn", "nca"), List.of("iris", "wine"),
                new double[][] {{0.953, 0.5}, {0.947, Double.NaN}}, 3, PaperWidth.PAGE);
        checkFormats(h);
        for (String v : List.of("0.953", "0.500", "0.947", "–")) {
            assertTrue(h.svg().contains(">" + v + "<"), v);
        }
        CriticalDifference cd = CriticalDifference.nemenyi(List.of("C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"),
                new double[] {3.143, 2.000, 2.893, 1.964}, 14, 0.10);
        Figure c = CdDiagram.figure("cd", "cd", "caption", cd, PaperWidth.COLUMN);
        checkFormats(c);
        for (String n : cd.names()) {
            assertTrue(c.svg().contains(">" + n.replace("+", "+") + "<"), n);
        }
        assertTrue(c.svg().contains(">CD<"));
    }

    @Test
    void thirtySeriesHaveDistinctStyles() {
        Set<String> styles = new HashSet<>();
        List<java.awt.Color> firstTen = new ArrayList<>();
        for (int i = 0; i < Palette.DISTINCT; i++) {
            styles.add(Palette.colour(i).getRGB() + "/" + Palette.shape(i));
            if (i < 10) {
                firstTen.add(Palette.colour(i));
            }
        }
        assertEquals(Palette.DISTINCT, styles.size());
        assertEquals(10, new HashSet<>(firstTen).size(), "the first ten differ in colour alone");
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Charts.Points(new double[2], new double[3]));
        assertEquals("series needs as many x as y values, got 2 and 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Figure("a b", "t", "c", new byte[0], "", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Charts.panels("p", "t", "c", List.of(), List.of(), PaperWidth.PAGE));
    }
}
