package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows {@code from .. to − 1} of the queries or of the references: the unit of work of one Spark task.
 *
 * @param from the first row
 * @param to one past the last row
 */
public record RowRange(int from, int to) implements Serializable {
    public RowRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad row range " + from + ".." + to);
        }
    }

    /** {@code rows} cut into at most {@code parts} contiguous ranges of near-equal size, in row order. */
    public static List<RowRange> split(int rows, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + parts);
        }
        int n = Math.min(parts, Math.max(1, rows));
        List<RowRange> out = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            out.add(new RowRange((int) ((long) rows * p / n), (int) ((long) rows * (p + 1) / n)));
        }
        return out;
    }

    /** The number of rows. */
    public int size() {
        return to - from;
    }
}
