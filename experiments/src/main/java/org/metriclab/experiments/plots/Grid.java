package org.metriclab.experiments.plots;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/** Small multiples: panels of equal size row by row, and optionally one legend to their right spanning every row. */
record Grid(List<Painter> panels, int columns, int panelWidth, int panelHeight, Painter legend, int legendWidth) implements Painter {
    Grid {
        panels = List.copyOf(panels);
    }

    int width() {
        return columns * panelWidth + (legend == null ? 0 : legendWidth);
    }

    int height() {
        return rows() * panelHeight;
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        for (int i = 0; i < panels.size(); i++) {
            AffineTransform saved = g.getTransform();
            g.translate((i % columns) * panelWidth, (i / columns) * panelHeight);
            panels.get(i).paint(g, panelWidth, panelHeight);
            g.setTransform(saved);
        }
        if (legend != null) {
            AffineTransform saved = g.getTransform();
            g.translate(columns * panelWidth, 0);
            legend.paint(g, legendWidth, height());
            g.setTransform(saved);
        }
    }
}
