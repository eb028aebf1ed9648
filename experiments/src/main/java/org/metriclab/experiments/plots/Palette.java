package org.metriclab.experiments.plots;

import java.awt.Color;

/**
 * Series styles that stay apart for readers with colour-vision deficiencies and in greyscale print: Paul Tol's
 * "muted" qualitative scheme (nine colours that remain distinct under deuteranopia, protanopia and tritanopia) plus
 * a dark grey, combined with three marker shapes. Series i gets colour i mod 10 and shape ⌊i / 10⌋ mod 3, so the
 * first ten series differ in colour and any two of the first {@value #DISTINCT} differ in colour or shape.
 */
public final class Palette {
    /** How many series get a distinct (colour, shape) pair. */
    public static final int DISTINCT = 30;
    private static final Color[] COLOURS = {
        new Color(0x332288), new Color(0x88CCEE), new Color(0x44AA99), new Color(0x117733), new Color(0x999933),
        new Color(0xDDCC77), new Color(0xCC6677), new Color(0x882255), new Color(0xAA4499), new Color(0x555555)};

    /** The marker shapes, in the order series use them. */
    public enum Shape {
        CIRCLE, SQUARE, TRIANGLE
    }

    private Palette() {
    }

    /** The colour of series {@code i} (0-based). */
    public static Color colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    /** The marker shape of series {@code i} (0-based). */
    public static Shape shape(int i) {
        return Shape.values()[Math.floorMod(i / COLOURS.length, Shape.values().length)];
    }

    /** Black or white, whichever reads better on {@code background} (WCAG relative luminance). */
    public static Color textOn(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen()) + 0.0722 * linear(background.getBlue());
        return l > 0.179 ? Color.BLACK : Color.WHITE;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /**
     * The sequential colour of {@code t} in [0, 1] (0 = worst, 1 = best) for heatmap cells: the ColorBrewer YlGnBu
     * ramp from light yellow to dark blue (interpolated in sRGB between five of its anchors), readable by colour-blind
     * readers and monotone in lightness, so greyscale print keeps the order.
     */
    public static Color sequential(double t) {
        int[][] anchors = {{0xFF, 0xFF, 0xE5}, {0xC7, 0xE9, 0xB4}, {0x7F, 0xCD, 0xBB}, {0x1D, 0x91, 0xC0}, {0x0C, 0x2C, 0x84}};
        double x = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) * (anchors.length - 1) : 0;
        int i = Math.min(anchors.length - 2, (int) x);
        double f = x - i;
        int[] a = anchors[i];
        int[] b = anchors[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }
}
