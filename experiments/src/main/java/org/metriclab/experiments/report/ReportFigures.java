package org.metriclab.experiments.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.core.learn.Progress;
import org.metriclab.eval.stats.Summary;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.ResultTable;
import org.metriclab.experiments.results.Tables;

/**
 * The plots a report draws from a run's files: a bar chart with 95% Student-t intervals per measure,
 * learning curves per dataset (objective per iteration; for deep learners training loss and validation
 * MAP@R per epoch; averaged over trials), precision-at-k curves when the run has two or more
 * {@code precision_at_<k>} measures, and fit time against training-set size when the rows have two or
 * more training-set sizes.
 */
final class ReportFigures {
    /** The largest magnitude a chart axis is drawn for: the axis arithmetic (spans, tick steps) overflows near the largest double. */
    static final double PLOTTABLE = 1e300;
    private static final Pattern PRECISION_AT = Pattern.compile("precision_at_(\\d+)");

    private ReportFigures() {
    }

    /** @param notes receives one line per plot that is left out, and why */
    static List<Figure> fromResults(List<ResultRow> rows, Tables layout, List<CurvePoint> curves, Map<String, Integer> trainSizes,
            List<String> notes) {
        List<Figure> out = new ArrayList<>();
        for (String m : layout.measures()) {
            ResultTable t = layout.pivot(rows, m);
            if (plottable(t)) {
                out.add(bars(t));
            } else {
                notes.add("There is no bar chart of " + m + ": its means or confidence intervals exceed ±" + PLOTTABLE
                        + ", more than a chart axis can span; its table shows the values.");
            }
        }
        out.addAll(learningCurves(curves, layout));
        out.addAll(precisionAtK(rows, layout));
        fitTimeVsN(rows, layout, trainSizes).ifPresent(out::add);
        return out;
    }

    /** Whether every cell's mean and confidence interval lie within ±{@link #PLOTTABLE}. */
    static boolean plottable(ResultTable t) {
        for (String r : t.rows()) {
            for (String c : t.columns()) {
                ResultTable.Cell cell = t.cell(r, c);
                if (cell != null && !(Math.abs(cell.mean()) + halfWidth(cell) <= PLOTTABLE)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double halfWidth(ResultTable.Cell cell) {
        return cell.n() < 2 ? 0.0 : Summary.fromMoments(cell.n(), cell.mean(), cell.sd(), Summary.DEFAULT_CONFIDENCE).halfWidth();
    }

    static Figure bars(ResultTable t) {
        Map<String, Charts.Bars> series = new LinkedHashMap<>();
        for (String c : t.columns()) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String r : t.rows()) {
                ResultTable.Cell cell = t.cell(r, c);
                means.add(cell == null ? 0.0 : cell.mean());
                errors.add(cell == null ? 0.0 : halfWidth(cell));
            }
            series.put(c, new Charts.Bars(means, errors));
        }
        return Charts.bars("bars_" + safe(t.measure()), t.measure() + " by " + t.rowAxis() + " and " + t.columnAxis(),
                "Mean of " + t.measure() + " per " + t.rowAxis() + " and " + t.columnAxis()
                        + "; error bars: 95% Student-t confidence interval over seeds and splits (none when n = 1).",
                t.rowAxis(), t.measure(), t.rows(), series);
    }

    /**
     * One plot per dataset and curve name, one line per learner (the mean over seeds and splits at each
     * step): the objective per iteration, and for deep learners the training loss and the validation MAP@R per epoch.
     */
    static List<Figure> learningCurves(List<CurvePoint> curves, Tables layout) {
        Map<String, Map<String, Map<String, TreeMap<Integer, double[]>>>> byDataset = new LinkedHashMap<>();
        for (String d : layout.datasets()) {
            byDataset.put(d, new TreeMap<>(ReportFigures::curveOrder));
        }
        for (CurvePoint p : curves) {
            if (!(Math.abs(p.value()) <= PLOTTABLE)) {
                // a point that is not finite, or too large for a chart axis, is left out of its line
                continue;
            }
            double[] acc = byDataset.computeIfAbsent(layout.datasetLabel(p.trial()), k -> new TreeMap<>(ReportFigures::curveOrder))
                    .computeIfAbsent(p.curve(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.trial().label(), k -> new TreeMap<>()).computeIfAbsent(p.step(), k -> new double[2]);
            acc[0] += p.value();
            acc[1]++;
        }
        List<Figure> out = new ArrayList<>();
        byDataset.forEach((d, byCurve) -> byCurve.forEach((curve, byLabel) -> {
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            for (String l : layout.learners()) {
                if (byLabel.containsKey(l)) {
                    series.put(l, points(byLabel.get(l)));
                }
            }
            byLabel.forEach((l, pts) -> series.putIfAbsent(l, points(pts)));
            out.add(switch (curve) {
                case CurvePoint.OBJECTIVE -> Charts.lines("curves_" + safe(d), "Training objective per iteration on " + d,
                        "Training objective per iteration reported by each iterative learner on " + d
                                + " (per batch for deep learners), averaged over seeds and splits.", "iteration", "objective", series, false, false);
                case Progress.EPOCH_LOSS -> Charts.lines("epoch_loss_" + safe(d), "Training loss per epoch on " + d,
                        "Mean training loss over each epoch's batches for each deep learner on " + d + ", averaged over seeds and splits.",
                        "epoch", "mean training loss", series, false, false);
                case Progress.VALIDATION_MAP_AT_R -> Charts.lines("validation_map_at_r_" + safe(d), "Validation MAP@R per epoch on " + d,
                        "MAP@R on the rows each deep learner holds out of its training part for early stopping (patience > 0), after every "
                                + "epoch on " + d + ", averaged over seeds and splits.", "epoch", "validation MAP@R", series, false, false);
                default -> Charts.lines(safe(curve) + "_" + safe(d), curve + " on " + d, "The curve '" + curve
                        + "' reported by the learners on " + d + ", averaged over seeds and splits.", "step", curve, series, false, false);
            });
        }));
        return out;
    }

    /** The objective first, then training loss, validation MAP@R and any other curves by name. */
    private static int curveOrder(String a, String b) {
        List<String> known = List.of(CurvePoint.OBJECTIVE, Progress.EPOCH_LOSS, Progress.VALIDATION_MAP_AT_R);
        int ia = known.indexOf(a);
        int ib = known.indexOf(b);
        if (ia >= 0 || ib >= 0) {
            return Integer.compare(ia < 0 ? known.size() : ia, ib < 0 ? known.size() : ib);
        }
        return a.compareTo(b);
    }

    private static Charts.Points points(TreeMap<Integer, double[]> pts) {
        return new Charts.Points(pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                pts.values().stream().mapToDouble(a -> a[0] / a[1]).toArray());
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
                    if (c != null && Math.abs(c.mean()) <= PLOTTABLE) {
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

    /**
     * Fit time (log axis) against training rows n (log axis when n spans a factor of 10 or more), when the
     * rows have two or more values of n: from
     * {@code n_train}, or for rows.csv without that column from {@code trainSizes} (rows per dataset). With a
     * {@code train_sizes} sweep there is one line per learner and dataset (just per learner for one dataset);
     * otherwise one line per learner across the datasets.
     */
    static Optional<Figure> fitTimeVsN(List<ResultRow> rows, Tables layout, Map<String, Integer> trainSizes) {
        Map<String, Charts.Points> series = fitTimeSeries(rows, layout, trainSizes);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        String what = layout.sized() ? "the training rows n of each stratified subsample (protocol.train_sizes)"
                : "the number of training rows of each dataset";
        double lo = series.values().stream().flatMapToDouble(p -> Arrays.stream(p.x())).min().orElse(1);
        double hi = series.values().stream().flatMapToDouble(p -> Arrays.stream(p.x())).max().orElse(1);
        boolean logX = hi >= 10 * lo;
        return Optional.of(Charts.lines("fit_time_vs_n", "Fit time vs training-set size", "Mean wall time of preprocessing + fit "
                + "(seconds, log scale) over seeds and splits against " + what + (logX ? " (log scale)" : "")
                + ". Times are wall-clock in a shared JVM: the first trials of a run include JIT warm-up.", "training rows n",
                "fit time (s)", series, logX, true));
    }

    /** The lines of {@link #fitTimeVsN}: label (and dataset) → mean fit seconds per n; empty when fewer than two values of n. */
    static Map<String, Charts.Points> fitTimeSeries(List<ResultRow> rows, Tables layout, Map<String, Integer> trainSizes) {
        String measure = layout.measures().get(0);
        Map<String, Map<String, TreeMap<Integer, double[]>>> byBase = new LinkedHashMap<>();
        Set<Integer> ns = new TreeSet<>();
        for (ResultRow r : rows) {
            Integer n = r.nTrain() > 0 ? Integer.valueOf(r.nTrain()) : trainSizes.get(r.dataset());
            if (n == null || !r.measure().equals(measure) || !Double.isFinite(r.fitSeconds()) || r.fitSeconds() <= 0) {
                continue;
            }
            ns.add(n);
            double[] acc = byBase.computeIfAbsent(r.dataset(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.label(), k -> new TreeMap<>()).computeIfAbsent(n, k -> new double[2]);
            acc[0] += r.fitSeconds();
            acc[1]++;
        }
        if (ns.size() < 2) {
            return Map.of();
        }
        boolean sweep = layout.sized();
        Map<String, Map<Integer, double[]>> lines = new LinkedHashMap<>();
        for (String l : layout.learners()) {
            byBase.forEach((base, byLabel) -> {
                TreeMap<Integer, double[]> pts = byLabel.get(l);
                if (pts == null) {
                    return;
                }
                String key = sweep && byBase.size() > 1 ? l + " on " + base : l;
                Map<Integer, double[]> into = lines.computeIfAbsent(key, k -> new TreeMap<>());
                pts.forEach((n, a) -> {
                    double[] acc = into.computeIfAbsent(n, k -> new double[2]);
                    acc[0] += a[0];
                    acc[1] += a[1];
                });
            });
        }
        Map<String, Charts.Points> series = new LinkedHashMap<>();
        lines.forEach((key, pts) -> series.put(key, new Charts.Points(pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                pts.values().stream().mapToDouble(a -> a[0] / a[1]).toArray())));
        return series;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
