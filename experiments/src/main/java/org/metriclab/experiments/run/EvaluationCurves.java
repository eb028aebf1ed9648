package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.knn.RetrievalCurves;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.eval.verify.VerificationCurve;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.TrialKey;

/**
 * A trial's evaluation curves as the points of retrieval_curves.csv, each with the engine that produced it; NaN points
 * (every query lone) are left out. An approximate index gives P@k and R@k only (its curves have no precision–recall part).
 */
final class EvaluationCurves {
    private EvaluationCurves() {
    }

    static List<RetrievalCurvePoint> points(TrialKey trial, Evaluation evaluation) {
        List<RetrievalCurvePoint> out = new ArrayList<>();
        evaluation.retrieval().ifPresent(m -> addRetrieval(out, trial, m, RetrievalCurvePoint.EXACT));
        evaluation.verification().ifPresent(c -> addVerification(out, trial, c));
        return out;
    }

    /** The curves an approximate index gave ({@code Degradation.curves()}), labelled with the index's settings. */
    static List<RetrievalCurvePoint> points(TrialKey trial, RetrievalCurves.Means curves, SearchSpec.Hnsw spec) {
        List<RetrievalCurvePoint> out = new ArrayList<>();
        addRetrieval(out, trial, curves, engine(spec));
        return out;
    }

    /** How curve files and reports name an index: its type and settings, with the beam width its curves were searched at. */
    static String engine(SearchSpec.Hnsw spec) {
        return "hnsw m=" + spec.m() + " ef_construction=" + spec.efConstruction() + " ef_search=" + spec.primaryEfSearch();
    }

    private static void addRetrieval(List<RetrievalCurvePoint> out, TrialKey trial, RetrievalCurves.Means m, String engine) {
        for (int k = 1; k <= m.maxK(); k++) {
            add(out, trial, RetrievalCurve.PRECISION_AT_K, k, m.precisionAtK()[k - 1], engine);
            add(out, trial, RetrievalCurve.RECALL_AT_K, k, m.recallAtK()[k - 1], engine);
        }
        for (int j = 0; j < m.recallLevels().length; j++) {
            add(out, trial, RetrievalCurve.PRECISION_RECALL, m.recallLevels()[j], m.interpolatedPrecision()[j], engine);
        }
    }

    private static void addVerification(List<RetrievalCurvePoint> out, TrialKey trial, VerificationCurve c) {
        double[] far = c.far();
        double[] tar = c.tar();
        double[] fnmr = c.fnmr();
        for (int i = 0; i < far.length; i++) {
            add(out, trial, RetrievalCurve.ROC, far[i], tar[i], RetrievalCurvePoint.EXACT);
            add(out, trial, RetrievalCurve.DET, far[i], fnmr[i], RetrievalCurvePoint.EXACT);
        }
    }

    private static void add(List<RetrievalCurvePoint> out, TrialKey trial, RetrievalCurve curve, double x, double y, String engine) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            out.add(new RetrievalCurvePoint(trial, curve, x, y, engine));
        }
    }
}
