package org.example.metriclab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.PreprocessedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.eval.RetrievalEvaluator;

/** The Java walk-through of the README's "Extending MetricLab" section, verbatim, so that it keeps compiling. */
class ApiWalkthroughTest {
    @Test
    void loadFitEmbedEvaluate() {
        // --- README walk-through begins ---
        LabeledData wine = BuiltinDatasets.load("wine");                    // or CsvReader.readDataset(path, "label")
        Split split = wine.split().orElseThrow();                           // the dataset's fixed split
        Dataset train = wine.dataset().subset(split.train());
        Dataset test = wine.dataset().subset(split.test());
        Standardizer std = Standardizer.fit(train.x());                     // train-only standardisation
        MetricLearner<?> learner = Learners.load()                          // every catalogue on the class path
                .create("fisher_scaling", Params.of(Map.of("ridge", 1e-6)));
        LearnedMetric fitted = learner.fit(train.withFeatures(std.apply(train.x())), FitContext.seeded(0));
        LearnedMetric metric = new PreprocessedMetric(std, fitted);         // raw features in, embedding out
        Matrix references = metric.embed(train.x());
        Matrix queries = metric.embed(test.x());
        Map<String, Double> scores = RetrievalEvaluator.evaluate(queries, test.labels(), references, train.labels(),
                List.of("precision_at_1", "mean_average_precision_at_r"), 0);
        System.out.println(scores);                                         // {precision_at_1=0.9..., ...}
        // --- README walk-through ends ---
        assertEquals(2, scores.size());
        assertTrue(scores.get("precision_at_1") > 0.85, scores.toString());
        assertTrue(metric.between(test.x().row(0), test.x().row(0)) == 0.0);
    }
}
