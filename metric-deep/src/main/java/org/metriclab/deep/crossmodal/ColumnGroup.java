package org.metriclab.deep.crossmodal;

import org.metriclab.core.linalg.Matrix;

/** One modality's features: the inclusive 0-based column range {@code [first, last]} of the data. */
public record ColumnGroup(int first, int last) {
    public ColumnGroup {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("modalities: column group [" + first + ", " + last
                    + "] is not an inclusive range of 0-based columns; write [first, last] with 0 <= first <= last");
        }
    }

    /** Number of columns in the group. */
    public int width() {
        return last - first + 1;
    }

    /** Whether the two groups share a column. */
    public boolean overlaps(ColumnGroup o) {
        return first <= o.last && o.first <= last;
    }

    /** The group's columns of the data rows. */
    public Matrix slice(Matrix x) {
        int[] cols = new int[width()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = first + j;
        }
        return x.columns(cols);
    }

    @Override
    public String toString() {
        return "[" + first + ", " + last + "]";
    }
}
