package org.metriclab.deep.crossmodal;

import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.EmbeddingMetric;

/**
 * Two towers into one shared embedding space: tower A embeds the columns of modality A, tower B those of
 * modality B, both into {@code e} dimensions. {@link #embed(Matrix)} of a full data row is the
 * concatenation [f_A(x_A), f_B(x_B)] (2e columns), so ordinary retrieval compares both views at once
 * and a cross-modal evaluation splits the columns: the first e are the row as a modality-A query, the
 * last e as a modality-B reference (and the reverse).
 */
public record CrossModalMetric(Modalities modalities, int inputDim, EmbeddingMetric towerA, EmbeddingMetric towerB) implements LearnedMetric {
    public CrossModalMetric {
        modalities.requireWithin(inputDim);
        if (towerA.inputDim() != modalities.a().width() || towerB.inputDim() != modalities.b().width()) {
            throw new IllegalArgumentException("the towers' input sizes " + towerA.inputDim() + " and " + towerB.inputDim()
                    + " do not match the modalities " + modalities.configText());
        }
        if (towerA.outputDim() != towerB.outputDim()) {
            throw new IllegalArgumentException("both towers must embed into one space; got " + towerA.outputDim() + " and "
                    + towerB.outputDim() + " dimensions");
        }
    }

    /** Size of the shared space (each tower's output). */
    public int sharedDim() {
        return towerA.outputDim();
    }

    @Override
    public int outputDim() {
        return 2 * sharedDim();
    }

    @Override
    public double[] embed(double[] x) {
        return embed(Matrix.of(1, x.length, x)).row(0);
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        Matrix ea = towerA.embed(modalities.a().slice(x));
        Matrix eb = towerB.embed(modalities.b().slice(x));
        int e = sharedDim();
        double[] out = new double[x.rows() * 2 * e];
        double[] row = new double[e];
        for (int i = 0; i < x.rows(); i++) {
            ea.copyRow(i, row);
            System.arraycopy(row, 0, out, i * 2 * e, e);
            eb.copyRow(i, row);
            System.arraycopy(row, 0, out, i * 2 * e + e, e);
        }
        return Matrix.of(x.rows(), 2 * e, out);
    }
}
