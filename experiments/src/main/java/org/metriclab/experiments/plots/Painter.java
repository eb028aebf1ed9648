package org.metriclab.experiments.plots;

import java.awt.Graphics2D;

/** Something that draws itself into the box (0, 0)–(width, height) of a Graphics2D, in points (1/72 in). */
@FunctionalInterface
interface Painter {
    void paint(Graphics2D g, int width, int height);
}
