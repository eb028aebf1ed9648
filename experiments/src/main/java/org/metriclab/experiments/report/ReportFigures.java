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
import java.util.function.Supplier;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.plots.PaperWidth;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.Tables;

/**
 * The figures of a report, in the sections it shows them: the summary (the main measure's CD diagram and heatmap),
 * then per measure the dot plots and the other measures' CD diagrams, the training curves, the evaluation curves
 * (P@k, R@k, precision–recall, ROC, DET) and fit time against training-set size. A figure that cannot be drawn for
 * this run (too few learners or datasets, no values, no curves recorded) is left out with a note saying why.
 */
final class ReportFigures {
    /** The largest magnitude a chart axis is drawn for: the axis arithmetic (spans, tick steps) overflows near the largest double. */
    static final double PLOTTABLE = 1e300;

    private ReportFigures() {
    }

    /** A heading, an introduction and the figures under it. */
    record Section(String heading, String intro, List<Figure> figures) {
        Section {
            figures = List.copyOf(figures);
        }
    }

    /** The report's figure sections: the summary first; {@code notes} receives one line per figure left out, and why. */
    static List<Section> sections(RunFiles run, Map<String, Integer> trainSizes, SummaryFigures.CdOptions cd, List<String> notes) {
        if (run.rows().isEmpty() || run.layout().measures().isEmpty()) {
            notes.add("There are no figures: rows.csv has no results yet (let the run finish, or resume it with run --resume).");
            return List.of(new Section("Summary", "", List.of()));
        }
        PaperWidth page = PaperWidth.PAGE;
        String main = run.layout().measures().get(0);
        List<Figure> summary = new ArrayList<>();
        attempt(() -> SummaryFigures.cd(run, main, cd, page), "CD diagram of " + main, notes).ifPresent(summary::add);
        attempt(() -> SummaryFigures.heatmap(run, main, page), "heatmap of " + main, notes).ifPresent(summary::add);
        List<Figure> measures = new ArrayList<>();
        for (String m : run.layout().measures()) {
            attempt(() -> SummaryFigures.dots(run, m, page), "dot plot of " + m, notes).ifPresent(measures::add);
            if (!m.equals(main)) {
                attempt(() -> SummaryFigures.cd(run, m, cd, page), "CD diagram of " + m, notes).ifPresent(measures::add);
            }
        }
        List<Figure> evaluation = new ArrayList<>();
        for (RetrievalCurve c : RetrievalCurve.values()) {
            evaluation.addAll(CurveFigures.evaluation(run, c, page));
        }
        if (run.retrieval().isEmpty()) {
            notes.add("There are no retrieval curves: this run has no " + RetrievalCurvePoint.FILE + " points (it was run before the file existed"
                    + " or on an executor that does not record them); run it again to get them.");
        }
        List<Figure> training = CurveFigures.training(run, page);
        List<Figure> scaling = new ArrayList<>();
        fitTimeVsN(run.rows(), run.layout(), trainSizes).ifPresent(scaling::add);
        List<Section> out = new ArrayList<>();
        out.add(new Section("Summary", "", summary));
        out.add(new Section("Per measure", "Dot plots with 95% intervals for every measure, and the CD diagrams of the other measures.",
                measures));
        out.add(new Section("Retrieval and verification curves", "", evaluation));
        out.add(new Section("Training curves", "", training));
        out.add(new Section("Scaling", "", scaling));
        return out;
    }

    /** The figure, or empty with a note naming what is left out and why. */
    private static Optional<Figure> attempt(Supplier<Figure> figure, String what, List<String> notes) {
        try {
            return Optional.of(figure.get());
        } catch (IllegalArgumentException e) {
            notes.add("There is no " + what + ": " + e.getMessage() + ".");
            return Optional.empty();
        }
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
        Map<String, Charts.Points> labelled = new LinkedHashMap<>();
        series.forEach((l, p) -> labelled.put(CurveFigures.withSlope(l, p), p));
        return Optional.of(Charts.lines("fit_time_vs_n", "Fit time vs training-set size", "Mean wall time of preprocessing + fit "
                + "(seconds, log scale) over seeds and splits against " + what + (logX ? " (log scale)" : "")
                + ". The slope in each legend entry is the least-squares fit of log time on log n: the empirical complexity exponent "
                + "(time ∝ n^slope)" + (layout.sized() ? "" : "; without a train_sizes sweep n changes with the dataset (and so do its "
                + "dimension and classes), so the slope is only indicative") + ". Times are wall-clock in a shared JVM: the first trials of a run include JIT warm-up.",
                "training rows n", "fit time (s)", labelled, logX, true));
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
