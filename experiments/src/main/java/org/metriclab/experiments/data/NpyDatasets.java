package org.metriclab.experiments.data;

import java.util.Optional;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.io.MappedNpy;
import org.metriclab.eval.io.NpyReader;
import org.metriclab.experiments.config.DatasetSpec;

/**
 * Loads an {@code npy} dataset: the feature files are read memory-mapped, chunk by chunk of rows, and
 * each must have one label per row (else a one-line error naming both files and shapes); the train
 * and test parts must have the same number of columns.
 */
final class NpyDatasets {
    private static final int CHUNK_ROWS = 8192;

    private NpyDatasets() {
    }

    static LabeledData load(DatasetSpec.Npy spec) {
        MappedNpy train = MappedNpy.open(spec.x());
        int[] y = NpyReader.readLabels(spec.labels());
        train.requireLabels(y.length, spec.labels().toString());
        if (spec.testX().isEmpty()) {
            return new LabeledData(new Dataset(spec.name(), Matrix.of(train.rows(), train.dim(), rows(train, 0, new double[(int) size(train)])),
                    Labels.of(y)), Optional.empty());
        }
        MappedNpy test = MappedNpy.open(spec.testX().get());
        int[] yt = NpyReader.readLabels(spec.testLabels().get());
        test.requireLabels(yt.length, spec.testLabels().get().toString());
        if (test.dim() != train.dim()) {
            throw new IllegalArgumentException("dataset '" + spec.name() + "': " + spec.x() + " has " + train.dim() + " columns but "
                    + spec.testX().get() + " has " + test.dim() + "; train and test features must have the same columns");
        }
        int n = train.rows() + test.rows();
        double[] x = new double[Math.toIntExact(size(train) + size(test))];
        rows(train, 0, x);
        rows(test, train.rows(), x);
        int[] labels = new int[n];
        System.arraycopy(y, 0, labels, 0, y.length);
        System.arraycopy(yt, 0, labels, y.length, yt.length);
        boolean[] isTest = new boolean[n];
        for (int i = train.rows(); i < n; i++) {
            isTest[i] = true;
        }
        return new LabeledData(new Dataset(spec.name(), Matrix.of(n, train.dim(), x), Labels.of(labels)),
                Optional.of(Split.fromTestFlags(isTest)));
    }

    private static long size(MappedNpy m) {
        return (long) m.rows() * m.dim();
    }

    /** Copies all rows of {@code m} into {@code out} from row {@code first}, a chunk of rows at a time. */
    private static double[] rows(MappedNpy m, int first, double[] out) {
        for (int start = 0; start < m.rows(); start += CHUNK_ROWS) {
            int[] idx = new int[Math.min(CHUNK_ROWS, m.rows() - start)];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = start + k;
            }
            double[] chunk = m.gather(idx);
            System.arraycopy(chunk, 0, out, (first + start) * m.dim(), chunk.length);
        }
        return out;
    }
}
