package org.metriclab.experiments.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.eval.Measure;
import org.metriclab.eval.MeasureDirection;
import org.metriclab.eval.stats.Friedman;
import org.metriclab.eval.stats.Holm;
import org.metriclab.eval.stats.Nemenyi;
import org.metriclab.eval.stats.TestOutcome;

/**
 * A {@link ResultTable} with what a publication table needs on top of the means:
 * <ul>
 *   <li>per row, the best column (the highest mean of a score, the lowest of an error rate: the measure's
 *       {@link org.metriclab.eval.MeasureDirection}) and, for each other
 *       column, the Holm-corrected (over that row's comparisons) p-value of a two-sided {@link PairedSignificance} of the
 *       two columns over their matching trials (same values of the keys that are neither rows nor columns, e.g.
 *       seed and split); a column is "not significantly worse" when that p exceeds {@code alpha} (cells with
 *       fewer than 2 matching trials are not tested and get no marker);</li>
 *   <li>average ranks of the columns (1 = best, ties mid-ranked) over the rows where every column has a value,
 *       with Friedman's p and the Nemenyi critical difference at {@code alpha} when there are 2 or more such rows;</li>
 *   <li>optionally each cell's mean fit time in seconds and its configured embedding size ({@code dims} parameter,
 *       "full" when 0 or absent).</li>
 * </ul>
 * A measure that is not ranked (a threshold, a pair count) gets none of the markers, tests or ranks: its table shows
 * the means only.
 */
public record PublishedTable(ResultTable table, PairedSignificance test, double alpha, Map<String, Map<String, Double>> adjustedP,
        Map<String, Double> ranks, int rankedRows, Optional<Friedman> friedman, double criticalDifference,
        Map<String, Map<String, Double>> fitSeconds, Map<String, Map<String, String>> dims) {
    private static final Pattern DIMS = Pattern.compile("\"dims\":(\\d+)");

    /** What to add to a table. */
    public record Options(PairedSignificance test, double alpha, boolean fitTime, boolean dims) {
        public Options {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
        }

        public static Options defaults() {
            return new Options(PairedSignificance.T, 0.05, false, false);
        }

        public Options withExtras(boolean fitTime, boolean dims) {
            return new Options(test, alpha, fitTime, dims);
        }
    }

    /** Computes the table of {@code measure} with {@code layout}'s rows and columns from the run's rows. */
    public static PublishedTable of(List<ResultRow> rows, Tables layout, String measure, Options options) {
        ResultTable t = layout.pivot(rows, measure);
        Map<String, Map<String, Map<String, Double>>> paired = new HashMap<>();
        Map<String, Map<String, List<Double>>> fit = new HashMap<>();
        Map<String, Map<String, String>> dims = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (!r.measure().equals(measure)) {
                continue;
            }
            String row = layout.key(layout.rowAxis(), r);
            String col = layout.key(layout.columnAxis(), r);
            if (Double.isFinite(r.value())) {
                paired.computeIfAbsent(row, k -> new HashMap<>()).computeIfAbsent(col, k -> new HashMap<>()).put(layout.pairKey(r), r.value());
                fit.computeIfAbsent(row, k -> new HashMap<>()).computeIfAbsent(col, k -> new ArrayList<>()).add(r.fitSeconds());
            }
            Matcher m = DIMS.matcher(r.params());
            String d = m.find() && Integer.parseInt(m.group(1)) > 0 ? m.group(1) : "full";
            dims.computeIfAbsent(row, k -> new LinkedHashMap<>()).merge(col, d, (a, b) -> a.equals(b) ? a : a + "/" + b);
        }
        Map<String, Map<String, Double>> adjusted = new LinkedHashMap<>();
        for (String row : t.rows()) {
            adjusted.put(row, significance(t, row, paired.getOrDefault(row, Map.of()), options.test()));
        }
        Map<String, Map<String, Double>> fitMeans = new LinkedHashMap<>();
        fit.forEach((row, byCol) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            byCol.forEach((col, vs) -> m.put(col, vs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            fitMeans.put(row, m);
        });
        List<String> complete = t.rows().stream().filter(r -> t.columns().stream().allMatch(c -> t.cell(r, c) != null)).toList();
        Map<String, Double> ranks = new LinkedHashMap<>();
        Optional<Friedman> friedman = Optional.empty();
        double cd = Double.NaN;
        if (!complete.isEmpty() && t.columns().size() >= 2 && t.direction().ranked()) {
            double[][] scores = new double[complete.size()][t.columns().size()];
            for (int i = 0; i < complete.size(); i++) {
                for (int j = 0; j < t.columns().size(); j++) {
                    scores[i][j] = t.cell(complete.get(i), t.columns().get(j)).mean();
                }
            }
            boolean higher = t.direction().higherIsBetter();
            double[] avg = Friedman.averageRanks(scores, higher);
            for (int j = 0; j < avg.length; j++) {
                ranks.put(t.columns().get(j), avg[j]);
            }
            if (complete.size() >= 2) {
                friedman = Optional.of(Friedman.test(scores, higher));
                cd = Nemenyi.criticalDifference(t.columns().size(), complete.size(), options.alpha());
            }
        }
        return new PublishedTable(t, options.test(), options.alpha(), adjusted, ranks, complete.size(), friedman, cd,
                options.fitTime() ? fitMeans : Map.of(), options.dims() ? dims : Map.of());
    }

    private static Map<String, Double> significance(ResultTable t, String row, Map<String, Map<String, Double>> byCol, PairedSignificance test) {
        String best = null;
        for (String c : t.columns()) {
            ResultTable.Cell cell = t.cell(row, c);
            if (cell != null && (best == null || t.direction().better(cell.mean(), t.cell(row, best).mean()))) {
                best = c;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (best == null || !t.direction().ranked()) {
            return out;
        }
        Map<String, Double> ref = byCol.getOrDefault(best, Map.of());
        List<String> tested = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (String c : t.columns()) {
            if (c.equals(best) || t.cell(row, c) == null) {
                continue;
            }
            Map<String, Double> other = byCol.getOrDefault(c, Map.of());
            List<String> keys = ref.keySet().stream().filter(other::containsKey).sorted().toList();
            if (keys.size() < 2) {
                continue;
            }
            double[] a = keys.stream().mapToDouble(ref::get).toArray();
            double[] b = keys.stream().mapToDouble(other::get).toArray();
            TestOutcome r = test.apply(a, b);
            tested.add(c);
            ps.add(r.pValue());
        }
        double[] adj = Holm.adjust(ps.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < adj.length; i++) {
            out.put(tested.get(i), adj[i]);
        }
        return out;
    }

    /** Holm-adjusted p of (row, column) against the row's best, if it was tested. */
    public Optional<Double> pValue(String row, String column) {
        return Optional.ofNullable(adjustedP.getOrDefault(row, Map.of()).get(column));
    }

    /** Not the (bold) best, but not significantly worse than it: gets the † marker. */
    public boolean notSignificantlyWorse(String row, String column) {
        return !table.isBest(row, column) && pValue(row, column).map(p -> p > alpha).orElse(false);
    }

    /** The n most cells have; cells with another n show it. */
    public int typicalN() {
        Map<Integer, Integer> counts = new HashMap<>();
        table.cells().values().forEach(m -> m.values().forEach(c -> counts.merge(c.n(), 1, Integer::sum)));
        return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
    }

    /**
     * The sentence under the table: what cells, bold, † and the ranks row mean, with the measure's direction (bold is
     * the highest or the lowest mean; a measure that is not ranked says so and has neither).
     */
    public String footnote(String pm, String dagger) {
        StringBuilder sb = new StringBuilder();
        sb.append(table.measure()).append(": mean ").append(pm).append(" sample sd over ").append(pairingDescription())
                .append(" (n = ").append(typicalN()).append(" unless shown in parentheses); ");
        MeasureDirection direction = table.direction();
        if (!direction.ranked()) {
            sb.append("not ranked (a threshold or a count: no best cell, test or rank)");
        } else {
            boolean lower = direction == MeasureDirection.LOWER_IS_BETTER;
            sb.append("bold: best per row").append(lower ? " (lowest mean: lower is better)" : "").append("; ")
                    .append(dagger).append(": not significantly worse than the best (two-sided ").append(test.description())
                    .append(" over matching ").append(pairingDescription()).append(", Holm-corrected per row, α = ")
                    .append(String.format(Locale.ROOT, "%.2f", alpha)).append(")");
        }
        if (!ranks.isEmpty()) {
            sb.append("; avg. rank: mean rank over the ").append(rankedRows).append(rankedRows == 1 ? " row" : " rows")
                    .append(" with every column (1 = best").append(direction == MeasureDirection.LOWER_IS_BETTER ? ", the lowest" : "")
                    .append(")");
            friedman.ifPresent(f -> sb.append("; Friedman ").append(pEquals(f.pValue())).append(", Nemenyi CD = ")
                    .append(String.format(Locale.ROOT, "%.2f", criticalDifference)));
        }
        conventionNote(table.measure()).ifPresent(n -> sb.append(". ").append(n));
        return sb.append('.').toString();
    }

    /** Which convention defines a built-in measure whose definition differs between libraries (empty otherwise). */
    static Optional<String> conventionNote(String measure) {
        try {
            return Measure.parse(measure).conventionNote();
        } catch (IllegalArgumentException registeredOrProtocolMeasure) {
            return Optional.empty();
        }
    }

    private String pairingDescription() {
        List<String> keys = new ArrayList<>(List.of("dataset", "learner", "seed", "split"));
        keys.remove(table.rowAxis());
        keys.remove(table.columnAxis());
        return String.join(" × ", keys.stream().map(k -> k.equals("split") ? "splits" : k.equals("seed") ? "seeds" : k + "s").toList());
    }

    /** "p = 0.046", "p = 0.004", "p < 0.001". */
    public static String pEquals(double p) {
        if (p < 0.001) {
            return "p < 0.001";
        }
        return "p = " + String.format(Locale.ROOT, "%.3f", p);
    }
}
