package org.metriclab.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.metriclab.core.learn.Progress;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.plots.PaperWidth;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;

/**
 * Curves as small multiples: the learners' training curves (one panel per learner, one line per dataset, log scale
 * when the values are positive and span two decades or more) and the evaluation curves of retrieval_curves.csv (one
 * panel per dataset, one line per learner in the same style in every panel). Every line is the mean over seeds and
 * splits at each x.
 */
final class CurveFigures {
    private CurveFigures() {
    }

    /** One figure per curve the learners reported (objective, training loss, validation MAP@R, others by name). */
    static List<Figure> training(RunFiles run, PaperWidth width) {
        Map<String, Map<String, Map<String, TreeMap<Double, double[]>>>> byCurve = new TreeMap<>(CurveFigures::curveOrder);
        for (CurvePoint p : run.curves()) {
            if (Math.abs(p.value()) <= ReportFigures.PLOTTABLE) {
                add(byCurve.computeIfAbsent(p.curve(), k -> new LinkedHashMap<>()).computeIfAbsent(p.trial().label(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(run.layout().datasetLabel(p.trial()), k -> new TreeMap<>()), p.step(), p.value());
            }
        }
        List<Figure> out = new ArrayList<>();
        byCurve.forEach((curve, byLearner) -> {
            List<Charts.LinePanel> panels = new ArrayList<>();
            for (String l : ordered(run.layout().learners(), byLearner.keySet())) {
                Map<String, Charts.Points> series = new LinkedHashMap<>();
                for (String d : ordered(run.layout().datasets(), byLearner.get(l).keySet())) {
                    series.put(d, mean(byLearner.get(l).get(d)));
                }
                panels.add(new Charts.LinePanel(l, stepName(curve), curveName(curve), series, false, logScale(series)));
            }
            List<String> datasets = ordered(run.layout().datasets(), byLearner.values().stream().flatMap(m -> m.keySet().stream()).toList());
            out.add(Charts.panels(ReportFigures.safe(curve) + "_per_learner", title(curve), "Per learner (one panel each, its own "
                    + "axis, log scale where the values span two decades or more): " + curveName(curve) + " per " + stepName(curve)
                    + " on each dataset, averaged over seeds and splits.", panels, datasets, width));
        });
        return out;
    }

    /** The evaluation curve {@code curve} per dataset; empty when the run recorded none. */
    static List<Figure> evaluation(RunFiles run, RetrievalCurve curve, PaperWidth width) {
        Map<String, Map<String, TreeMap<Double, double[]>>> byDataset = new LinkedHashMap<>();
        Set<String> engines = new TreeSet<>();
        boolean logX = curve == RetrievalCurve.ROC || curve == RetrievalCurve.DET;
        boolean logY = curve == RetrievalCurve.DET;
        for (RetrievalCurvePoint p : run.retrieval()) {
            if (p.curve() == curve && (!logX || p.x() > 0) && (!logY || p.y() > 0)) {
                engines.add(p.engine());
                add(byDataset.computeIfAbsent(run.layout().datasetLabel(p.trial()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(p.trial().label(), k -> new TreeMap<>()), p.x(), p.y());
            }
        }
        if (byDataset.isEmpty()) {
            return List.of();
        }
        List<String> learners = ordered(run.layout().learners(), byDataset.values().stream().flatMap(m -> m.keySet().stream()).toList());
        List<Charts.LinePanel> panels = new ArrayList<>();
        for (String d : ordered(run.layout().datasets(), byDataset.keySet())) {
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            for (String l : learners) {
                if (byDataset.get(d).containsKey(l)) {
                    series.put(l, mean(byDataset.get(d).get(l)));
                }
            }
            panels.add(new Charts.LinePanel(d, curve.xLabel(), curve.yLabel(), series, logX, logY));
        }
        String source = engines.equals(Set.of(RetrievalCurvePoint.EXACT)) ? " Search: exact."
                : " Search: " + String.join("; ", engines) + " (an approximate index's curves come from its neighbour lists of the 100 nearest"
                + " references, or of all when fewer).";
        return List.of(Charts.panels(curve.csvName(), evaluationTitle(curve), evaluationCaption(curve) + source, panels, learners, width));
    }

    private static String evaluationTitle(RetrievalCurve c) {
        return switch (c) {
            case PRECISION_AT_K -> "Precision at k";
            case RECALL_AT_K -> "Recall at k";
            case PRECISION_RECALL -> "Precision–recall curves";
            case ROC -> "ROC curves of pair verification";
            case DET -> "DET curves of pair verification";
        };
    }

    private static String evaluationCaption(RetrievalCurve c) {
        String mean = ", averaged over the queries of each trial and then over seeds and splits.";
        return switch (c) {
            case PRECISION_AT_K -> "Precision@k (relevant references among the k nearest, divided by k) for k = 1…100 per dataset" + mean;
            case RECALL_AT_K -> "Recall@k (the fraction of a query's relevant references among its k nearest) for k = 1…100 per dataset" + mean;
            case PRECISION_RECALL -> "Interpolated precision (the best precision at that recall or beyond) at recall 0, 0.05, …, 1 over the "
                    + "full ranking, per dataset" + mean;
            case ROC -> "True accept rate against false accept rate (log scale) of a verifier that accepts pairs closer than a "
                    + "threshold, from every same-label and different-label pair's distance (or a seeded sample), per dataset; "
                    + "averaged over seeds and splits at each false accept rate.";
            case DET -> "False non-match rate against false match rate (both log scale) of the same pair verifier, per dataset; "
                    + "averaged over seeds and splits at each false match rate.";
        };
    }

    private static void add(TreeMap<Double, double[]> acc, double x, double y) {
        double[] a = acc.computeIfAbsent(x, k -> new double[2]);
        a[0] += y;
        a[1]++;
    }

    private static Charts.Points mean(TreeMap<Double, double[]> pts) {
        return new Charts.Points(pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                pts.values().stream().mapToDouble(a -> a[0] / a[1]).toArray());
    }

    /** Log scale when every value is positive and the largest is at least 100 times the smallest. */
    static boolean logScale(Map<String, Charts.Points> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Charts.Points p : series.values()) {
            for (double v : p.y()) {
                if (!(v > 0)) {
                    return false;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi >= 100 * lo;
    }

    /** The names of {@code order} that occur in {@code present}, then the others of {@code present} in their order. */
    static List<String> ordered(List<String> order, java.util.Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String s : order) {
            if (present.contains(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        for (String s : present) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String title(String curve) {
        return switch (curve) {
            case CurvePoint.OBJECTIVE -> "Training objective per iteration";
            case Progress.EPOCH_LOSS -> "Training loss per epoch";
            case Progress.VALIDATION_MAP_AT_R -> "Validation MAP@R per epoch";
            default -> "The curve " + curve;
        };
    }

    private static String curveName(String curve) {
        return switch (curve) {
            case CurvePoint.OBJECTIVE -> "objective";
            case Progress.EPOCH_LOSS -> "mean training loss";
            case Progress.VALIDATION_MAP_AT_R -> "validation MAP@R";
            default -> curve;
        };
    }

    private static String stepName(String curve) {
        return switch (curve) {
            case CurvePoint.OBJECTIVE -> "iteration";
            case Progress.EPOCH_LOSS, Progress.VALIDATION_MAP_AT_R -> "epoch";
            default -> "step";
        };
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

    /**
     * The least-squares slope of log y against log x: the empirical exponent b of y ≈ a·x^b. NaN with fewer than two
     * distinct x.
     */
    static double logLogSlope(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** "label (slope 1.87)", or the label alone when the slope is undefined. */
    static String withSlope(String label, Charts.Points p) {
        double s = logLogSlope(p.x(), p.y());
        return Double.isNaN(s) ? label : label + String.format(Locale.ROOT, " (slope %.2f)", s);
    }
}
