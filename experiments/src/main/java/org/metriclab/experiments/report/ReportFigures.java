package org.metriclab.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.eval.stats.Summary;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.ResultTable;
import org.metriclab.experiments.results.Tables;

/**
 * The plots a report draws from a run's files: a bar chart with 95% Student-t intervals per measure,
 * learning curves (objective per iteration, averaged over trials) per dataset, precision-at-k curves when
 * the run has two or more {@code precision_at_<k>} measures, and fit time against training-set size when
 * the run's datasets have two or more sizes.
 */
final class ReportFigures {
    private static final Pattern PRECISION_AT = Pattern.compile("precision_at_(\\d+)");

    private ReportFigures() {
    }

    static List<Figure> fromResults(List<ResultRow> rows, Tables layout, List<CurvePoint> curves, Map<String, Integer> trainSizes) {
        List<Figure> out = new ArrayList<>();
        for (String m : layout.measures()) {
            out.add(bars(layout.pivot(rows, m)));
        }
        out.addAll(learningCurves(curves, layout));
        out.addAll(precisionAtK(rows, layout));
        fitTimeVsN(rows, layout, trainSizes).ifPresent(out::add);
        return out;
    }

    static Figure bars(ResultTable t) {
        Map<String, Charts.Bars> series = new LinkedHashMap<>();
        for (String c : t.columns()) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String r : t.rows()) {
                ResultTable.Cell cell = t.cell(r, c);
                means.add(cell == null ? 0.0 : cell.mean());
                double half = cell == null || cell.n() < 2 ? 0.0
                        : Summary.fromMoments(cell.n(), cell.mean(), cell.sd(), Summary.DEFAULT_CONFIDENCE).halfWidth();
                errors.add(half);
            }
            series.put(c, new Charts.Bars(means, errors));
        }
        return Charts.bars("bars_" + safe(t.measure()), t.measure() + " by " + t.rowAxis() + " and " + t.columnAxis(),
                "Mean of " + t.measure() + " per " + t.rowAxis() + " and " + t.columnAxis()
                        + "; error bars: 95% Student-t confidence interval over seeds and splits (none when n = 1).",
                t.rowAxis(), t.measure(), t.rows(), series);
    }

    static List<Figure> learningCurves(List<CurvePoint> curves, Tables layout) {
        Map<String, Map<String, TreeMap<Integer, double[]>>> byDataset = new LinkedHashMap<>();
        for (String d : layout.datasets()) {
            byDataset.put(d, new LinkedHashMap<>());
        }
        for (CurvePoint p : curves) {
            if (!Double.isFinite(p.objective())) {
                continue;
            }
            double[] acc = byDataset.computeIfAbsent(p.trial().dataset(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.trial().label(), k -> new TreeMap<>()).computeIfAbsent(p.iteration(), k -> new double[2]);
            acc[0] += p.objective();
            acc[1]++;
        }
        List<Figure> out = new ArrayList<>();
        byDataset.forEach((d, byLabel) -> {
            if (byLabel.isEmpty()) {
                return;
            }
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            byLabel.forEach((label, pts) -> {
                double[] x = pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = pts.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
                series.put(label, new Charts.Points(x, y));
            });
            out.add(Charts.lines("curves_" + safe(d), "Learning curves on " + d, "Training objective per iteration reported by each "
                    + "iterative learner on " + d + ", averaged over seeds and splits.", "iteration", "objective", series, false, false));
        });
        return out;
    }

    static List<Figure> precisionAtK(List<ResultRow> rows, Tables layout) {
        TreeMap<Integer, String> ks = new TreeMap<>();
        for (String m : layout.measures()) {
            Matcher mt = PRECISION_AT.matcher(m);
            if (mt.matches()) {
                ks.put(Integer.parseInt(mt.group(1)), m);
            }
        }
        if (ks.size() < 2) {
            return List.of();
        }
        Tables byDataset = new Tables(layout.measures(), "dataset", "learner", layout.datasets(), layout.learners());
        Map<Integer, ResultTable> tables = new LinkedHashMap<>();
        ks.forEach((k, m) -> tables.put(k, byDataset.pivot(rows, m)));
        ResultTable first = tables.values().iterator().next();
        List<Figure> out = new ArrayList<>();
        for (String d : first.rows()) {
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            for (String l : first.columns()) {
                List<double[]> pts = new ArrayList<>();
                tables.forEach((k, t) -> {
                    ResultTable.Cell c = t.cell(d, l);
                    if (c != null) {
                        pts.add(new double[] {k, c.mean()});
                    }
                });
                if (!pts.isEmpty()) {
                    series.put(l, new Charts.Points(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()));
                }
            }
            out.add(Charts.lines("precision_at_k_" + safe(d), "Precision at k on " + d, "Mean precision@k over seeds and splits on " + d
                    + " for k = " + ks.keySet() + ".", "k", "precision@k", series, false, false));
        }
        return out;
    }

    static java.util.Optional<Figure> fitTimeVsN(List<ResultRow> rows, Tables layout, Map<String, Integer> trainSizes) {
        if (trainSizes.values().stream().distinct().count() < 2) {
            return java.util.Optional.empty();
        }
        Map<String, TreeMap<Integer, double[]>> byLabel = new LinkedHashMap<>();
        layout.learners().forEach(l -> byLabel.put(l, new TreeMap<>()));
        String measure = layout.measures().get(0);
        for (ResultRow r : rows) {
            Integer n = trainSizes.get(r.dataset());
            if (n == null || !r.measure().equals(measure) || !Double.isFinite(r.fitSeconds()) || r.fitSeconds() <= 0) {
                continue;
            }
            double[] acc = byLabel.computeIfAbsent(r.label(), k -> new TreeMap<>()).computeIfAbsent(n, k -> new double[2]);
            acc[0] += r.fitSeconds();
            acc[1]++;
        }
        Map<String, Charts.Points> series = new LinkedHashMap<>();
        byLabel.forEach((l, pts) -> {
            if (!pts.isEmpty()) {
                series.put(l, new Charts.Points(pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(a -> a[0] / a[1]).toArray()));
            }
        });
        if (series.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Charts.lines("fit_time_vs_n", "Fit time vs training-set size", "Mean wall time of preprocessing + fit "
                + "(seconds, log scale) against the number of training rows of each dataset (log scale).", "training rows n",
                "fit time (s)", series, true, true));
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
