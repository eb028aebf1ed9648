package org.metriclab.experiments.plots;

import java.awt.Font;

/** Type sizes of a paper figure, in points: 9 pt titles, 8 pt axis titles, 7 pt tick labels, legends and cell values. */
final class Fonts {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 9);
    static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 8);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
    /** The height of one legend or label line. */
    static final int LINE = 10;

    private Fonts() {
    }
}
