package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

class KernelPccaTest {
    /** Two concentric rings (radius 1 and 3, small radial noise): no 1-D linear projection separates them. */
    static Dataset rings(int perClass, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[2 * perClass][];
        int[] y = new int[2 * perClass];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            double radius = (y[i] == 0 ? 1 : 3) + 0.1 * rng.nextGaussian();
            double angle = rng.nextDouble(2 * Math.PI);
            x[i] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return new Dataset("rings", Matrix.of(x), Labels.of(y));
    }

    static double oneNn(MetricLearner<?> learner, Dataset train, Dataset test) {
        LearnedMetric m = learner.fit(train, FitContext.seeded(0));
        return SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()), test.labels().toArray(), 1);
    }

    @Test
    void oneKernelDimensionSeparatesRingsThatNoLinearDimensionCan() {
        Dataset train = rings(60, 1);
        Dataset test = rings(60, 2);
        Params p = Params.of(Map.of("dims", 1, "constraints", 400));
        double kernel = oneNn(KernelPccaLearner.supervised(p), train, test);
        double linear = oneNn(PccaLearner.supervised(Params.of(Map.of("dims", 1, "constraints", 400))), train, test);
        assertTrue(kernel >= 0.95, "kernel pcca 1-NN " + kernel);
        assertTrue(linear < 0.8, "linear pcca 1-NN " + linear);
    }

    @Test
    void codecRoundTripsThroughJson() throws Exception {
        Dataset train = SharedProtocol.prepare("iris").train();
        LearnedMetric m = KernelPccaLearner.supervised(Params.of(Map.of("dims", 2, "max_iter", 50))).fit(train, FitContext.seeded(3));
        MetricCodecs codecs = MetricCodecs.load();
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(codecs.encode(m));
        assertTrue(text.contains("\"kernel_pcca\""), text.substring(0, 60));
        LearnedMetric back = codecs.decode(json.readValue(text, Map.class));
        assertEquals(m, back);
        Matrix a = m.embed(train.x());
        assertEquals(0, a.maxAbsDifference(back.embed(train.x())), 0);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        ParamException e = assertThrows(ParamException.class, () -> KernelPccaLearner.from(Params.of(Map.of("sigma", -1))));
        assertEquals("sigma", e.key());
        e = assertThrows(ParamException.class, () -> KernelPccaLearner.from(Params.of(Map.of("beta", -1))));
        assertEquals("beta", e.key());
    }

    @Test
    void medianHeuristicIsTheMedianPairDistance() {
        double[][] r = {{0, 0}, {3, 0}, {0, 4}};
        assertEquals(4.0, KernelPccaLearner.medianDistance(r), 0);
    }
}
