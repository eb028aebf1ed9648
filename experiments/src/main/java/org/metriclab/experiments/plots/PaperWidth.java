package org.metriclab.experiments.plots;

/** The width a figure is drawn for, in points (1/72 in): a paper's single column or its full text width. */
public enum PaperWidth {
    /** 3.3 in: one column of a two-column paper. */
    COLUMN(3.3),
    /** 7 in: the full text width. */
    PAGE(7.0);

    private final double inches;

    PaperWidth(double inches) {
        this.inches = inches;
    }

    public int points() {
        return (int) Math.round(inches * 72);
    }

    /** Small multiples per row at this width. */
    int columns(int panels) {
        if (this == COLUMN) {
            return panels <= 1 ? 1 : 2;
        }
        return panels <= 2 ? Math.max(1, panels) : panels == 4 ? 2 : 3;
    }
}
