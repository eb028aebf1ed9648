package org.metriclab.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metriclab.eval.MeasureDirection;
import org.metriclab.eval.stats.CriticalDifference;
import org.metriclab.eval.stats.Summary;
import org.metriclab.experiments.plots.CdDiagram;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.plots.Heatmap;
import org.metriclab.experiments.plots.PaperWidth;
import org.metriclab.experiments.results.ResultTable;

/**
 * The figures that summarise one measure across learners and datasets: the critical-difference diagram, the heatmap
 * and the dot plots. Each takes the means over seeds and splits per (dataset, learner); cells with no finite value
 * (failed trials) are left out, and a figure that has nothing to show says why instead of drawing an empty image.
 */
final class SummaryFigures {
    private SummaryFigures() {
    }

    /** How the CD diagram decides which learners differ. */
    record CdOptions(CriticalDifference.PostHoc test, double alpha) {
        static CdOptions defaults() {
            return new CdOptions(CriticalDifference.PostHoc.NEMENYI, 0.05);
        }
    }

    /** The Demšar diagram of {@code measure} over the datasets on which every learner has a value. */
    static Figure cd(RunFiles run, String measure, CdOptions options, PaperWidth width) {
        ResultTable t = run.byDataset().pivot(run.rows(), measure);
        requireRanked(t, "a CD diagram");
        List<String> learners = learnersWithValues(t);
        List<String> complete = new ArrayList<>();
        for (String d : t.rows()) {
            if (learners.stream().allMatch(l -> plottable(t.cell(d, l)))) {
                complete.add(d);
            }
        }
        if (learners.size() < 2 || complete.size() < 2) {
            throw new IllegalArgumentException("a CD diagram needs at least 2 learners and 2 datasets on which every learner has a value of "
                    + measure + "; " + run.dir() + " has " + learners.size() + " learner(s) and " + complete.size() + " such dataset(s)"
                    + " (use heatmap or dots for fewer)");
        }
        double[][] scores = new double[complete.size()][learners.size()];
        for (int b = 0; b < complete.size(); b++) {
            for (int j = 0; j < learners.size(); j++) {
                scores[b][j] = t.cell(complete.get(b), learners.get(j)).mean();
            }
        }
        CriticalDifference cd = CriticalDifference.of(learners, scores, t.direction().higherIsBetter(), options.test(), options.alpha());
        String test = options.test() == CriticalDifference.PostHoc.NEMENYI
                ? String.format(Locale.ROOT, "the Nemenyi test (α = %s, CD = %.2f)", options.alpha(), cd.cd())
                : "pairwise Wilcoxon signed-rank tests with Holm's correction (α = " + options.alpha() + ", Benavoli et al. 2016)";
        return CdDiagram.figure("cd_" + ReportFigures.safe(measure), "Average ranks by " + measure, "Critical-difference diagram "
                + "(Demšar 2006) of " + measure + ": average rank of each learner over the " + complete.size() + " datasets on which "
                + "every learner has a value (1 = best" + lowestNote(t) + ", on the right). Thick bars join learners that " + test + " does not separate.",
                cd, width);
    }

    /** Learners × datasets with each mean in its cell, coloured by its place within its dataset. */
    static Figure heatmap(RunFiles run, String measure, PaperWidth width) {
        ResultTable t = run.byDataset().pivot(run.rows(), measure);
        requireRanked(t, "a heatmap coloured by rank");
        boolean lower = t.direction() == MeasureDirection.LOWER_IS_BETTER;
        List<String> learners = learnersWithValues(t);
        List<String> datasets = t.rows().stream().filter(d -> learners.stream().anyMatch(l -> plottable(t.cell(d, l)))).toList();
        if (learners.isEmpty() || datasets.isEmpty()) {
            throw new IllegalArgumentException(noValues(run, measure));
        }
        double[][] values = new double[learners.size()][datasets.size()];
        for (int l = 0; l < learners.size(); l++) {
            for (int d = 0; d < datasets.size(); d++) {
                ResultTable.Cell c = t.cell(datasets.get(d), learners.get(l));
                values[l][d] = plottable(c) ? c.mean() : Double.NaN;
            }
        }
        return Heatmap.figure("heatmap_" + ReportFigures.safe(measure), measure + " by learner and dataset", "Mean " + measure
                + " over seeds and splits per learner (rows) and dataset (columns). Colours are scaled within each dataset, from its "
                + (lower ? "highest mean (light) to its lowest (dark; lower is better)" : "lowest mean (light) to its highest (dark)")
                + ", so each column shows its own ranking; – marks a cell without a value.",
                learners, datasets, values, ResultTable.DIGITS, width, lower);
    }

    /** One panel per dataset: learners sorted by mean, each with its 95% Student-t interval. */
    static Figure dots(RunFiles run, String measure, PaperWidth width) {
        ResultTable t = run.byDataset().pivot(run.rows(), measure);
        List<Charts.DotPanel> panels = new ArrayList<>();
        for (String d : t.rows()) {
            List<String> labels = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (String l : t.columns()) {
                ResultTable.Cell c = t.cell(d, l);
                if (plottable(c)) {
                    labels.add(l);
                    values.add(new double[] {c.mean(), halfWidth(c)});
                }
            }
            if (!labels.isEmpty()) {
                panels.add(new Charts.DotPanel(d, labels, values.stream().mapToDouble(v -> v[0]).toArray(),
                        values.stream().mapToDouble(v -> v[1]).toArray()));
            }
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException(noValues(run, measure));
        }
        String order = switch (t.direction()) {
            case HIGHER_IS_BETTER -> "sorted best first";
            case LOWER_IS_BETTER -> "sorted best (lowest) first";
            case NOT_RANKED -> "sorted by mean (not ranked)";
        };
        return Charts.dots("dots_" + ReportFigures.safe(measure), measure + " per dataset", "Mean " + measure + " of each learner per "
                + "dataset, " + order + ", with its 95% Student-t confidence interval over seeds and splits (none when n = 1); "
                + "each axis is zoomed to its dataset's intervals.", measure, panels, width,
                t.direction() == MeasureDirection.LOWER_IS_BETTER);
    }

    /** Refuses, in one line, a ranking figure of a measure that is not ranked (a threshold or a pair count). */
    private static void requireRanked(ResultTable t, String figure) {
        if (!t.direction().ranked()) {
            throw new IllegalArgumentException(figure + " ranks learners, but " + t.measure() + " is a threshold or a count and is not"
                    + " ranked; its table and dot plot show the values");
        }
    }

    private static String lowestNote(ResultTable t) {
        return t.direction() == MeasureDirection.LOWER_IS_BETTER ? ", the lowest" : "";
    }

    private static String noValues(RunFiles run, String measure) {
        return "no mean of " + measure + " in " + run.dir() + " is a finite number within ±" + ReportFigures.PLOTTABLE
                + " (what a chart axis can span; failed trials have none): its table shows the values";
    }

    /** The learners (columns) with at least one plottable cell, in column order. */
    static List<String> learnersWithValues(ResultTable t) {
        return t.columns().stream().filter(l -> t.rows().stream().anyMatch(d -> plottable(t.cell(d, l)))).toList();
    }

    /** A cell with a finite mean and interval within what a chart axis can span. */
    static boolean plottable(ResultTable.Cell c) {
        return c != null && Math.abs(c.mean()) + halfWidth(c) <= ReportFigures.PLOTTABLE;
    }

    static double halfWidth(ResultTable.Cell cell) {
        return cell.n() < 2 ? 0.0 : Summary.fromMoments(cell.n(), cell.mean(), cell.sd(), Summary.DEFAULT_CONFIDENCE).halfWidth();
    }
}
