package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metriclab.core.baseline.EuclideanLearner;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.core.preprocess.Pca;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.experiments.config.Preprocessing;

class PipelineTest {
    private static Dataset irisTrain() {
        LabeledData d = BuiltinDatasets.load("iris");
        return d.dataset().subset(d.split().orElseThrow().train());
    }

    @Test
    void preprocessingIsFittedOnTrainAndCarriedByTheMetric() {
        Dataset train = irisTrain();
        Matrix all = BuiltinDatasets.load("iris").dataset().x();
        LearnedMetric m = Pipeline.fit(train, new Preprocessing(true, 2), new EuclideanLearner(), FitContext.seeded(0));
        assertEquals(4, m.inputDim());
        assertEquals(2, m.outputDim());

        Standardizer std = Standardizer.fit(train.x());
        Pca pca = Pca.fit(std.apply(train.x()), 2);
        Matrix expected = pca.apply(std.apply(all));
        assertTrue(expected.maxAbsDifference(m.embed(all)) < 1e-12);

        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        assertTrue(expected.maxAbsDifference(back.embed(all)) < 1e-12, "stored model applies the same preprocessing");
    }

    @Test
    void withoutPreprocessingTheLearnerSeesRawFeatures() {
        Dataset train = irisTrain();
        LearnedMetric m = Pipeline.fit(train, new Preprocessing(false, 0), new EuclideanLearner(), FitContext.seeded(0));
        assertEquals(0.0, m.embed(train.x()).maxAbsDifference(train.x()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.fit(train, new Preprocessing(true, 5), new EuclideanLearner(), FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("pca 5 exceeds the 4 features"), e.getMessage());
    }
}
