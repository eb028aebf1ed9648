package org.metriclab.experiments.tuning;

import java.util.List;
import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.experiments.config.Preprocessing;
import org.metriclab.experiments.config.RetrievalMode;
import org.metriclab.experiments.run.Pipeline;

/**
 * Fits one candidate on one validation fold's training rows and scores it on the fold's validation rows. A
 * candidate that cannot be created or fitted, embeds to non-finite values, or runs out of memory scores NaN
 * with a one-line reason, so one bad candidate costs its score, not the search.
 */
record FoldScorer(TuningSpec spec, Preprocessing preprocessing, RetrievalMode retrieval, Learners registry) {
    /** A fold's selection measure, or NaN with the reason it could not be computed. */
    record Score(double value, String reason) {
        static Score failed(String reason) {
            return new Score(Double.NaN, reason);
        }
    }

    /** Longest reason kept in tuning.csv. */
    private static final int MAX_REASON = 300;

    Score score(Dataset train, Split fold, String type, Map<String, Object> params, long seed) {
        try {
            Dataset fit = train.subset(fold.train());
            Dataset validation = train.subset(fold.test());
            LearnedMetric metric = Pipeline.fit(fit, preprocessing, registry.create(type, Params.of(params)), new FitContext(seed, Progress.none()));
            Matrix v = metric.embed(validation.x());
            if (v.firstNonFinite() != null) {
                return Score.failed("the learned metric embeds validation rows to non-finite values");
            }
            List<String> measure = List.of(spec.selectBy());
            Map<String, Double> values;
            if (spec.validation().classDisjoint() || retrieval == RetrievalMode.TEST_SELF) {
                values = RetrievalEvaluator.evaluateSelf(v, validation.labels(), measure, seed);
            } else {
                Matrix r = metric.embed(fit.x());
                if (r.firstNonFinite() != null) {
                    return Score.failed("the learned metric embeds fold training rows to non-finite values");
                }
                values = RetrievalEvaluator.evaluate(v, validation.labels(), r, fit.labels(), measure, seed);
            }
            Double value = values.get(spec.selectBy());
            if (value == null || value.isNaN()) {
                return Score.failed(spec.selectBy() + " is undefined on this fold");
            }
            return new Score(value, "");
        } catch (OutOfMemoryError e) {
            return Score.failed("out of memory: " + e.getMessage());
        } catch (RuntimeException e) {
            return Score.failed(describe(e));
        }
    }

    /** The exception's type and first message line, at most {@link #MAX_REASON} characters. */
    private static String describe(RuntimeException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        String s = e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 3) + "...";
    }
}
