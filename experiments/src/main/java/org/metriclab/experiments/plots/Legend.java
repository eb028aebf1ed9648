package org.metriclab.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * One legend shared by small multiples: a line with its marker, in the series' {@link Palette} style, and the name,
 * one entry per line and as many columns as the height needs, so no entry is ever cut off.
 */
final class Legend implements Painter {
    private final List<String> names;

    Legend(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** The width one column of entries needs, in points. */
    static int columnWidth(List<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        return 26 + (int) Math.ceil(longest * Fonts.SMALL.getSize() * 0.56);
    }

    /** Columns needed to show every entry within {@code height}. */
    static int columns(int entries, int height) {
        int rows = Math.max(1, (height - 8) / Fonts.LINE);
        return Math.max(1, (entries + rows - 1) / rows);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setFont(Fonts.SMALL);
        FontMetrics fm = g.getFontMetrics();
        int rows = Math.max(1, (height - 8) / Fonts.LINE);
        int colWidth = columnWidth(names);
        for (int i = 0; i < names.size(); i++) {
            int x = 4 + (i / rows) * colWidth;
            int y = 6 + (i % rows) * Fonts.LINE;
            Color c = Palette.colour(i);
            g.setColor(c);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x, y + 4, x + 16, y + 4);
            g.fill(marker(Palette.shape(i), x + 8, y + 4, 5));
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x + 20, y + 4 + fm.getAscent() / 2 - 1);
        }
    }

    /** The marker shape centred at (cx, cy), {@code size} points across. */
    static java.awt.Shape marker(Palette.Shape shape, double cx, double cy, double size) {
        double h = size / 2;
        return switch (shape) {
            case CIRCLE -> new Ellipse2D.Double(cx - h, cy - h, size, size);
            case SQUARE -> new Rectangle2D.Double(cx - h, cy - h, size, size);
            case TRIANGLE -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(cx, cy - h);
                p.lineTo(cx + h, cy + h);
                p.lineTo(cx - h, cy + h);
                p.closePath();
                yield p;
            }
        };
    }
}
