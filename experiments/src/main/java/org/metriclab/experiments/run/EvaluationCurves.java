package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.knn.RetrievalCurves;
import org.metriclab.eval.verify.VerificationCurve;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.TrialKey;

/** A trial's evaluation curves as the points of retrieval_curves.csv; NaN points (every query lone) are left out. */
final class EvaluationCurves {
    private EvaluationCurves() {
    }

    static List<RetrievalCurvePoint> points(TrialKey trial, Evaluation evaluation) {
        List<RetrievalCurvePoint> out = new ArrayList<>();
        evaluation.retrieval().ifPresent(m -> {
            for (int k = 1; k <= m.maxK(); k++) {
                add(out, trial, RetrievalCurve.PRECISION_AT_K, k, m.precisionAtK()[k - 1]);
                add(out, trial, RetrievalCurve.RECALL_AT_K, k, m.recallAtK()[k - 1]);
            }
            for (int j = 0; j < RetrievalCurves.RECALL_LEVELS; j++) {
                add(out, trial, RetrievalCurve.PRECISION_RECALL, m.recallLevels()[j], m.interpolatedPrecision()[j]);
            }
        });
        evaluation.verification().ifPresent(c -> addVerification(out, trial, c));
        return out;
    }

    private static void addVerification(List<RetrievalCurvePoint> out, TrialKey trial, VerificationCurve c) {
        double[] far = c.far();
        double[] tar = c.tar();
        double[] fnmr = c.fnmr();
        for (int i = 0; i < far.length; i++) {
            add(out, trial, RetrievalCurve.ROC, far[i], tar[i]);
            add(out, trial, RetrievalCurve.DET, far[i], fnmr[i]);
        }
    }

    private static void add(List<RetrievalCurvePoint> out, TrialKey trial, RetrievalCurve curve, double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            out.add(new RetrievalCurvePoint(trial, curve, x, y));
        }
    }
}
