package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries {@code from .. to − 1}: the unit of work of one Spark task.
 *
 * @param from the first query
 * @param to one past the last query
 */
public record QueryRange(int from, int to) implements Serializable {
    public QueryRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad query range " + from + ".." + to);
        }
    }

    /** {@code queries} cut into at most {@code parts} contiguous ranges of near-equal size, in query order. */
    public static List<QueryRange> split(int queries, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + parts);
        }
        int n = Math.min(parts, Math.max(1, queries));
        List<QueryRange> out = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            out.add(new QueryRange((int) ((long) queries * p / n), (int) ((long) queries * (p + 1) / n)));
        }
        return out;
    }

    /** The number of queries. */
    public int size() {
        return to - from;
    }
}
