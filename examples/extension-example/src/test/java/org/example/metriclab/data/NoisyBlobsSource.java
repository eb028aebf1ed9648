package org.example.metriclab.data;

import java.util.Optional;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.data.DatasetSource;

/**
 * An example dataset source: 150 rows, 3 classes, 10 features of which only the first 2 carry class
 * information (class means 3 apart, unit noise) and 8 are pure N(0, 1) noise. Fixed split: every third
 * block of three consecutive rows (one per class) is test data, 51 rows. Generated from a fixed seed, so
 * every load returns the same data. Registered by
 * the line in {@code META-INF/services/org.metriclab.experiments.data.DatasetSource}.
 */
public final class NoisyBlobsSource implements DatasetSource {
    /** The name configs use. */
    public static final String NAME = "noisy_blobs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "150 × 10, 3 classes, 2 informative + 8 noise features, fixed split 99 train / 51 test";
    }

    @Override
    public LabeledData load() {
        int n = 150;
        int d = 10;
        SplittableRandom r = new SplittableRandom(20240601L);
        double[] x = new double[n * d];
        int[] y = new int[n];
        boolean[] isTest = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            isTest[i] = (i / 3) % 3 == 0; // every third block of three rows (one per class)
            for (int j = 0; j < d; j++) {
                double centre = j == 0 ? 3.0 * y[i] : j == 1 ? 3.0 * (y[i] % 2) : 0.0;
                x[i * d + j] = centre + r.nextGaussian();
            }
        }
        return new LabeledData(new Dataset(NAME, Matrix.of(n, d, x), Labels.of(y)), Optional.of(Split.fromTestFlags(isTest)));
    }
}
