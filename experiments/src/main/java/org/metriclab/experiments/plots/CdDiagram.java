package org.metriclab.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.metriclab.eval.stats.CriticalDifference;

/**
 * Draws a critical-difference diagram from its {@link CdLayout}. No plotting library offers this chart, so it is
 * drawn with Graphics2D onto the same PNG, SVG and PDF backends as the other figures.
 */
public final class CdDiagram {
    private CdDiagram() {
    }

    /** The diagram of {@code cd} at {@code width}. */
    public static Figure figure(String name, String title, String caption, CriticalDifference cd, PaperWidth width) {
        CdLayout layout = layout(cd, width.points());
        int height = (int) Math.ceil(layout.height());
        return Canvas.figure(name, title, caption, (g, w, h) -> paint(g, layout), width.points(), height);
    }

    /** The layout with names measured in the label font. */
    static CdLayout layout(CriticalDifference cd, int width) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            FontMetrics fm = scratch.getFontMetrics(Fonts.AXIS);
            return CdLayout.of(cd, width, s -> fm.getStringBounds(s, scratch).getWidth());
        } finally {
            scratch.dispose();
        }
    }

    /** Axis with ticks, the CD segment, each learner's elbow line with its name and average rank, then the clique bars. */
    /** Every tick gets a mark, but only every step-th rank (1, 2, 5 or 10) a number, so that numbers never overlap. */
    static int labelStep(CdLayout l, double labelWidth) {
        int k = l.ticks().size();
        double spacing = k < 2 ? Double.POSITIVE_INFINITY : (l.axisRight() - l.axisLeft()) / (k - 1);
        for (int step : new int[] {1, 2, 5}) {
            if (spacing * step >= labelWidth) {
                return step;
            }
        }
        return 10;
    }

    static void paint(Graphics2D g, CdLayout l) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(new Line2D.Double(l.axisLeft(), l.axisY(), l.axisRight(), l.axisY()));
        g.setFont(Fonts.SMALL);
        FontMetrics small = g.getFontMetrics();
        int step = labelStep(l, small.stringWidth(Integer.toString(l.ticks().size())) + 3);
        for (CdLayout.Tick t : l.ticks()) {
            g.draw(new Line2D.Double(t.x(), l.axisY(), t.x(), l.axisY() - 4));
            if ((t.rank() - 1) % step == 0) {
                String s = Integer.toString(t.rank());
                g.drawString(s, (float) (t.x() - small.stringWidth(s) / 2.0), (float) (l.axisY() - 6));
            }
        }
        if (l.hasCd()) {
            g.draw(new Line2D.Double(l.cdLeft(), l.cdY(), l.cdRight(), l.cdY()));
            g.draw(new Line2D.Double(l.cdLeft(), l.cdY() - 2.5, l.cdLeft(), l.cdY() + 2.5));
            g.draw(new Line2D.Double(l.cdRight(), l.cdY() - 2.5, l.cdRight(), l.cdY() + 2.5));
            g.drawString("CD", (float) ((l.cdLeft() + l.cdRight()) / 2 - small.stringWidth("CD") / 2.0), (float) (l.cdY() - 3));
        }
        g.setFont(Fonts.AXIS);
        FontMetrics fm = g.getFontMetrics();
        for (CdLayout.Entry e : l.entries()) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(0.6f));
            g.draw(new Line2D.Double(e.x(), l.axisY(), e.x(), e.lineY()));
            g.draw(new Line2D.Double(e.x(), e.lineY(), e.labelX(), e.lineY()));
            Rectangle2D b = fm.getStringBounds(e.name(), g);
            float y = (float) (e.lineY() + fm.getAscent() / 2.0 - 1);
            if (e.rightSide()) {
                g.drawString(e.name(), (float) e.labelX() + 2, y);
            } else {
                g.drawString(e.name(), (float) (e.labelX() - 2 - b.getWidth()), y);
            }
            g.setColor(new Color(0x555555));
            g.setFont(Fonts.SMALL);
            String rank = String.format(Locale.ROOT, "%.2f", e.rank());
            float ry = (float) (e.lineY() - 2);
            float rx = e.rightSide() ? (float) (e.labelX() - 2 - small.stringWidth(rank)) : (float) e.labelX() + 2;
            g.drawString(rank, rx, ry);
            g.setFont(Fonts.AXIS);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (CdLayout.Bar b : l.bars()) {
            g.draw(new Line2D.Double(b.x1(), b.y(), b.x2(), b.y()));
        }
    }
}
