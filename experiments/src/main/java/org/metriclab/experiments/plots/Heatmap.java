package org.metriclab.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A learners × datasets heatmap: each cell is coloured by its mean scaled within its dataset's column (worst light,
 * best dark, {@link Palette#sequential}), so each column shows its own ranking however far apart the datasets'
 * values lie, and the mean is printed in the cell. Drawn with Graphics2D: chart libraries colour a heatmap on one
 * global scale and print the coloured value, not per-column scales with the raw value.
 */
public final class Heatmap {
    private static final double CELL_HEIGHT = 12;

    private Heatmap() {
    }

    /**
     * @param values {@code values[learner][dataset]}, NaN for a missing cell (drawn blank with "–")
     * @param digits decimals printed in the cells
     */
    public static Figure figure(String name, String title, String caption, List<String> learners, List<String> datasets,
            double[][] values, int digits, PaperWidth width) {
        return figure(name, title, caption, learners, datasets, values, digits, width, false);
    }

    /** As {@link #figure(String, String, String, List, List, double[][], int, PaperWidth)}, darkest at the lowest value when {@code lowerIsBetter}. */
    public static Figure figure(String name, String title, String caption, List<String> learners, List<String> datasets,
            double[][] values, int digits, PaperWidth width, boolean lowerIsBetter) {
        if (learners.isEmpty() || datasets.isEmpty()) {
            throw new IllegalArgumentException("a heatmap needs at least one learner and one dataset");
        }
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        double labelWidth;
        try {
            FontMetrics fm = scratch.getFontMetrics(Fonts.SMALL);
            labelWidth = learners.stream().mapToDouble(s -> fm.getStringBounds(s, scratch).getWidth()).max().orElse(20) + 6;
        } finally {
            scratch.dispose();
        }
        double left = Math.min(labelWidth, width.points() * 0.35);
        double cellWidth = Math.min(70, (width.points() - left - 4) / datasets.size());
        double header = 30;
        int height = (int) Math.ceil(header + learners.size() * CELL_HEIGHT + 4);
        double[][] scaled = scaledPerColumn(values, lowerIsBetter);
        return Canvas.figure(name, title, caption, (g, w, h) -> {
            g.setFont(Fonts.SMALL);
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.BLACK);
            for (int d = 0; d < datasets.size(); d++) {
                String s = fit(datasets.get(d), fm, cellWidth - 2, g);
                double x = left + d * cellWidth + (cellWidth - fm.getStringBounds(s, g).getWidth()) / 2;
                g.drawString(s, (float) x, (float) (header - 5));
            }
            for (int l = 0; l < learners.size(); l++) {
                double y = header + l * CELL_HEIGHT;
                g.setColor(Color.BLACK);
                String label = fit(learners.get(l), fm, left - 4, g);
                g.drawString(label, (float) (left - 3 - fm.getStringBounds(label, g).getWidth()), (float) (y + CELL_HEIGHT / 2 + fm.getAscent() / 2.0 - 1));
                for (int d = 0; d < datasets.size(); d++) {
                    double x = left + d * cellWidth;
                    double v = values[l][d];
                    Color fill = Double.isNaN(v) ? Color.WHITE : Palette.sequential(scaled[l][d]);
                    g.setColor(fill);
                    g.fill(new Rectangle2D.Double(x, y, cellWidth, CELL_HEIGHT));
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(0.5f));
                    g.draw(new Rectangle2D.Double(x, y, cellWidth, CELL_HEIGHT));
                    String text = Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v);
                    g.setColor(Double.isNaN(v) ? Color.GRAY : Palette.textOn(fill));
                    g.drawString(text, (float) (x + (cellWidth - fm.getStringBounds(text, g).getWidth()) / 2),
                            (float) (y + CELL_HEIGHT / 2 + fm.getAscent() / 2.0 - 1));
                }
            }
        }, (int) Math.ceil(left + datasets.size() * cellWidth + 4), height);
    }

    /** Each column min–max scaled to [0, 1] (1 = highest); a column whose values are all equal scales to 1. */
    static double[][] scaledPerColumn(double[][] values) {
        return scaledPerColumn(values, false);
    }

    /** As {@link #scaledPerColumn(double[][])}, with 1 = lowest when {@code lowerIsBetter}. */
    static double[][] scaledPerColumn(double[][] values, boolean lowerIsBetter) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        double[][] out = new double[rows][cols];
        for (int d = 0; d < cols; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : values) {
                if (!Double.isNaN(row[d])) {
                    lo = Math.min(lo, row[d]);
                    hi = Math.max(hi, row[d]);
                }
            }
            for (int l = 0; l < rows; l++) {
                double t = hi > lo ? (values[l][d] - lo) / (hi - lo) : 1.0;
                out[l][d] = lowerIsBetter && hi > lo ? 1.0 - t : t;
            }
        }
        return out;
    }

    /** {@code s}, shortened with "…" to fit {@code room} points. */
    private static String fit(String s, FontMetrics fm, double room, Graphics2D g) {
        if (fm.getStringBounds(s, g).getWidth() <= room) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.getStringBounds(t + "…", g).getWidth() > room) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
