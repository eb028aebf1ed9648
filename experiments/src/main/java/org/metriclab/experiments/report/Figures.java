package org.metriclab.experiments.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.metriclab.core.learn.Learners;
import org.metriclab.eval.stats.CriticalDifference;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.plots.PaperWidth;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;

/**
 * One figure of a results directory, for a paper ({@code metriclab figure}). Input that cannot give the figure (no
 * results, too few learners or datasets, a measure the run does not have, curves it did not record) fails with an
 * IllegalArgumentException naming the problem and the way out, before anything is drawn.
 *
 * @param measure  the measure of cd, heatmap and dots (null: the run's first)
 * @param dataset  embedding: the dataset (null: the first)
 * @param learner  embedding: the learner label (null: the first)
 */
public record Figures(FigureKind kind, String measure, PaperWidth width, CriticalDifference.PostHoc test, double alpha,
        Projection projection, String dataset, String learner) {
    public Figures {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
    }

    /** Draws the figure from {@code dir}'s files (embedding refits one learner once). */
    public Figure draw(Path dir) {
        RunFiles run = RunFiles.read(dir);
        String m = run.measure(measure);
        return switch (kind) {
            case CD -> SummaryFigures.cd(run, m, new SummaryFigures.CdOptions(test, alpha), width);
            case HEATMAP -> SummaryFigures.heatmap(run, m, width);
            case DOTS -> SummaryFigures.dots(run, m, width);
            case CURVES -> first(CurveFigures.training(run, width), "there are no training curves in " + dir.resolve("curves.csv")
                    + ": none of its learners reports an objective or loss per iteration");
            case SCALING -> ReportFigures.fitTimeVsN(run.rows(), run.layout(), trainSizes(dir, run)).orElseThrow(
                    () -> new IllegalArgumentException("a scaling plot needs positive fit times at 2 or more training-set sizes; " + dir
                            + " has one size per dataset (sweep sizes with protocol.train_sizes)"));
            case PR -> first(CurveFigures.evaluation(run, RetrievalCurve.PRECISION_RECALL, width), noCurves(dir,
                    "rerun the experiment to record them"));
            case ROC -> first(CurveFigures.evaluation(run, RetrievalCurve.ROC, width), noCurves(dir,
                    "ROC curves need a verification measure (eer, tar_at_far_<x> or roc_auc) among the run's measures"));
            case EMBEDDING -> RefitData.embedding(ResolvedConfig.bind(dir), Learners.load(), projection, dataset, learner);
        };
    }

    private static Map<String, Integer> trainSizes(Path dir, RunFiles run) {
        if (run.rows().stream().allMatch(r -> r.nTrain() > 0)) {
            return Map.of();
        }
        ExperimentConfig cfg = ResolvedConfig.bind(dir);
        return RefitData.trainSizes(cfg);
    }

    private static String noCurves(Path dir, String wayOut) {
        return "no such curves in " + dir.resolve(RetrievalCurvePoint.FILE) + "; " + wayOut;
    }

    private static Figure first(List<Figure> figures, String otherwise) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException(otherwise);
        }
        return figures.get(0);
    }
}
