package org.metriclab.core.contract;

import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;

/**
 * The shared reference protocol of ../reference/metric_learn_iris_wine.json, for learner tests:
 * standardise with the train rows' mean and population std (dropping train-constant features), fit
 * on train, embed both parts, and score k-NN accuracy on test with train as the reference set
 * (brute-force squared Euclidean, ties by ascending distance then index; majority vote, vote ties
 * to the smallest label — exactly the reference's convention, so floors compare like with like).
 */
public final class SharedProtocol {
    private SharedProtocol() {
    }

    /** Train and test parts of a built-in dataset after train-only standardisation. */
    public record Prepared(Dataset train, Dataset test) {
    }

    public static Prepared prepare(String builtin) {
        LabeledData ld = BuiltinDatasets.load(builtin);
        Split s = ld.split().orElseThrow();
        Dataset train = ld.dataset().subset(s.train());
        Dataset test = ld.dataset().subset(s.test());
        Standardizer z = Standardizer.fit(train.x());
        return new Prepared(train.withFeatures(z.apply(train.x())), test.withFeatures(z.apply(test.x())));
    }

    /** Test k-NN accuracy of a learner under the shared protocol, for each k given. */
    public static double[] knnAccuracy(MetricLearner<?> learner, String builtin, long seed, int... ks) {
        Prepared p = prepare(builtin);
        LearnedMetric m = learner.fit(p.train(), FitContext.seeded(seed));
        Matrix ref = m.embed(p.train().x());
        Matrix q = m.embed(p.test().x());
        double[] acc = new double[ks.length];
        for (int t = 0; t < ks.length; t++) {
            acc[t] = knnAccuracy(ref, p.train().labels().toArray(), q, p.test().labels().toArray(), ks[t]);
        }
        return acc;
    }

    /** Brute-force k-NN classification accuracy (vote ties to the smallest label). */
    public static double knnAccuracy(Matrix ref, int[] refLabels, Matrix queries, int[] queryLabels, int k) {
        int correct = 0;
        for (int i = 0; i < queries.rows(); i++) {
            double[] q = queries.row(i);
            double[] d = new double[ref.rows()];
            Integer[] order = new Integer[ref.rows()];
            for (int j = 0; j < ref.rows(); j++) {
                order[j] = j;
                d[j] = org.metriclab.core.linalg.Vectors.squaredDistance(q, ref.row(j));
            }
            java.util.Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
            java.util.Map<Integer, Integer> votes = new java.util.HashMap<>();
            int best = 0;
            for (int t = 0; t < k; t++) {
                best = Math.max(best, votes.merge(refLabels[order[t]], 1, Integer::sum));
            }
            int predicted = Integer.MAX_VALUE;
            for (var e : votes.entrySet()) {
                if (e.getValue() == best) {
                    predicted = Math.min(predicted, e.getKey());
                }
            }
            correct += predicted == queryLabels[i] ? 1 : 0;
        }
        return (double) correct / queries.rows();
    }
}
