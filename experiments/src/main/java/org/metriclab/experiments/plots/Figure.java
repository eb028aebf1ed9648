package org.metriclab.experiments.plots;

/**
 * One rendered plot: a file-name stem, its title (also drawn on the plot) and a caption for the report,
 * as PNG bytes and as SVG text.
 */
public record Figure(String name, String title, String caption, byte[] png, String svg) {
    public Figure {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
