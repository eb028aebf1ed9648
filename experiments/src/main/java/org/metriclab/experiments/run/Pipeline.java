package org.metriclab.experiments.run;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Views;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.PreprocessedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.preprocess.Pca;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.experiments.config.Preprocessing;

/**
 * Preprocessing fitted on the training rows, then the learner on the preprocessed rows; the returned
 * metric applies the same preprocessing to any input (it is stored with the model), so it embeds raw
 * feature vectors: {@code Standardizer → Pca → learned metric}.
 */
public final class Pipeline {
    private Pipeline() {
    }

    public static LearnedMetric fit(Dataset train, Preprocessing pre, MetricLearner<?> learner, FitContext ctx) {
        Dataset t = train;
        Standardizer std = null;
        Pca pca = null;
        if (pre.standardize()) {
            std = Standardizer.fit(t.x());
            // dropped constant columns leave the views renumbered over the kept ones
            t = t.withFeatures(std.apply(t.x())).withViews(train.views().restrict(std.kept()));
        }
        if (pre.pca() > 0) {
            if (pre.pca() > t.dim()) {
                throw new IllegalArgumentException("pca " + pre.pca() + " exceeds the " + t.dim() + " features of '" + train.name()
                        + "'" + (pre.standardize() ? " after dropping train-constant ones" : ""));
            }
            pca = Pca.fit(t.x(), pre.pca());
            t = t.withFeatures(pca.apply(t.x())).withViews(Views.none());
        }
        LearnedMetric metric = learner.fit(t, ctx);
        if (metric.inputDim() != t.dim()) {
            throw new IllegalStateException("learner returned a metric for " + metric.inputDim() + " features, trained on " + t.dim());
        }
        if (pca != null) {
            metric = new PreprocessedMetric(pca, metric);
        }
        if (std != null) {
            metric = new PreprocessedMetric(std, metric);
        }
        return metric;
    }
}
