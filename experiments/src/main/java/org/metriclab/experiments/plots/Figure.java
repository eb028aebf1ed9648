package org.metriclab.experiments.plots;

/**
 * One rendered figure: a file-name stem, its title and a caption for the report, as PNG bytes, SVG text and PDF
 * bytes (the vector forms for LaTeX).
 */
public record Figure(String name, String title, String caption, byte[] png, String svg, byte[] pdf) {
    public Figure {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
        png = png.clone();
        pdf = pdf.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
