package org.metriclab.experiments.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.metriclab.eval.MeasureDirection;
import org.metriclab.experiments.config.Measures;

/**
 * One measure's results pivoted into a grid: a {@link Cell} (mean, sample sd, n over seeds and splits)
 * per (row, column). Rows and columns come in the given order (config order), followed by any other
 * values found in the rows. Failed trials (NaN values) are left out of the summaries. The measure's
 * {@link MeasureDirection} says which cell of a row is best: the highest mean of a score, the lowest of an error rate,
 * none of a threshold.
 */
public record ResultTable(String measure, String rowAxis, String columnAxis, List<String> rows, List<String> columns,
        Map<String, Map<String, Cell>> cells, MeasureDirection direction) {
    /** Decimals shown in rendered tables; "best" compares values rounded to this. */
    public static final int DIGITS = 3;

    public ResultTable {
        if (direction == null) {
            throw new IllegalArgumentException("a result table needs its measure's direction");
        }
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        Map<String, Map<String, Cell>> copy = new LinkedHashMap<>();
        cells.forEach((r, m) -> copy.put(r, Map.copyOf(m)));
        cells = Collections.unmodifiableMap(copy);
    }

    /**
     * Summary of one cell; {@code sd} is the sample standard deviation (NaN when n < 2). The values are summed in
     * ascending order, so the summary does not depend on the order in which trials completed (threads, engines).
     */
    public record Cell(int n, double mean, double sd) {
        static Cell of(List<Double> unordered) {
            List<Double> values = unordered.stream().sorted().toList();
            int n = values.size();
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            double ss = squares(values, sum / n, 1);
            if (Double.isFinite(sum) && Double.isFinite(ss)) {
                return new Cell(n, sum / n, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)));
            }
            // values near the largest double overflow the sums; the same moments are taken of the values scaled down by their largest magnitude
            double scale = values.stream().mapToDouble(Math::abs).max().orElse(1);
            double mean = values.stream().mapToDouble(v -> v / scale).sum() / n;
            return new Cell(n, mean * scale, n < 2 ? Double.NaN : Math.sqrt(squares(values, mean, scale) / (n - 1)) * scale);
        }

        /** The sum of squared deviations of {@code values / scale} from {@code mean} (of the scaled values). */
        private static double squares(List<Double> values, double mean, double scale) {
            double ss = 0;
            for (double v : values) {
                double d = v / scale - mean;
                ss += d * d;
            }
            return ss;
        }
    }

    /** The pivot of {@code measure} with rows by {@code rowOf} and columns by {@code columnOf}. */
    public static ResultTable pivot(List<ResultRow> results, String measure, String rowAxis, Function<ResultRow, String> rowOf,
            List<String> rowOrder, String columnAxis, Function<ResultRow, String> columnOf, List<String> columnOrder) {
        Set<String> rowNames = new LinkedHashSet<>(rowOrder);
        Set<String> colNames = new LinkedHashSet<>(columnOrder);
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (ResultRow r : results) {
            if (!r.measure().equals(measure)) {
                continue;
            }
            String row = rowOf.apply(r);
            String col = columnOf.apply(r);
            rowNames.add(row);
            colNames.add(col);
            List<Double> vs = values.computeIfAbsent(row, k -> new LinkedHashMap<>()).computeIfAbsent(col, k -> new ArrayList<>());
            if (Double.isFinite(r.value())) {
                vs.add(r.value());
            }
        }
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        values.forEach((row, byCol) -> {
            Map<String, Cell> m = new LinkedHashMap<>();
            byCol.forEach((col, vs) -> {
                if (!vs.isEmpty()) {
                    m.put(col, Cell.of(vs));
                }
            });
            cells.put(row, m);
        });
        return new ResultTable(measure, rowAxis, columnAxis, new ArrayList<>(rowNames), new ArrayList<>(colNames), cells,
                Measures.direction(measure));
    }

    /** The cell, or null when there are no (finite) values for it. */
    public Cell cell(String row, String column) {
        return cells.getOrDefault(row, Map.of()).get(column);
    }

    /**
     * Whether the cell holds the row's best mean: the highest for a score, the lowest for an error rate (ties at the
     * shown precision are all best); never for a measure that is not ranked.
     */
    public boolean isBest(String row, String column) {
        Cell c = cell(row, column);
        if (c == null || !direction.ranked()) {
            return false;
        }
        boolean higher = direction.higherIsBetter();
        double best = higher ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (Cell other : cells.getOrDefault(row, Map.of()).values()) {
            best = higher ? Math.max(best, rounded(other.mean())) : Math.min(best, rounded(other.mean()));
        }
        return rounded(c.mean()) == best;
    }

    private static double rounded(double v) {
        double scale = Math.pow(10, DIGITS);
        return Math.round(v * scale) / scale;
    }
}
