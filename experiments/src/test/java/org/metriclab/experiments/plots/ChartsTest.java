package org.metriclab.experiments.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static BufferedImage decode(Figure f) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(f.png()));
    }

    @Test
    void barsLinesAndScatterRenderHeadlessToPngAndSvgWithTheirTitles() throws Exception {
        Map<String, Charts.Bars> bars = new LinkedHashMap<>();
        bars.put("euclidean", new Charts.Bars(List.of(0.9, 0.8), List.of(0.01, 0.0)));
        bars.put("lfda", new Charts.Bars(List.of(0.95, 0.85), List.of(0.02, 0.03)));
        Figure b = Charts.bars("bars", "precision_at_1 by dataset", "caption", "dataset", "precision_at_1", List.of("iris", "wine"), bars);
        Figure l = Charts.lines("lines", "Fit time vs n", "caption", "n", "seconds",
                Map.of("a", new Charts.Points(new double[] {10, 100, 1000}, new double[] {0.1, 1, 10})), true, true);
        Figure s = Charts.scatter("scatter", "Embeddings", "caption", "x", "y",
                Map.of("class 0", new Charts.Points(new double[] {0, 1}, new double[] {1, 0})));
        for (Figure f : List.of(b, l, s)) {
            BufferedImage img = decode(f);
            assertEquals(Charts.WIDTH, img.getWidth());
            assertEquals(Charts.HEIGHT, img.getHeight());
            assertTrue(f.svg().contains("<svg") && f.svg().contains("</svg>"), f.name());
        }
        // the plot is drawn: many distinct colours, not a blank canvas
        BufferedImage img = decode(b);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 4) {
            for (int y = 0; y < img.getHeight(); y += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "colours: " + colours.size());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Charts.Points(new double[2], new double[3]));
        assertEquals("series needs as many x as y values, got 2 and 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Figure("a b", "t", "c", new byte[0], ""));
    }
}
