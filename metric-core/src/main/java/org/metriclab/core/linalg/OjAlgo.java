package org.metriclab.core.linalg;

import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Conversions between {@link Matrix} and ojAlgo stores; the only bridge to ojAlgo's types. */
final class OjAlgo {
    private OjAlgo() {
    }

    static R064Store store(Matrix m) {
        R064Store s = R064Store.FACTORY.make(m.rows(), m.cols());
        double[] row = new double[m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            m.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                s.set(i, j, row[j]);
            }
        }
        return s;
    }

    static Matrix matrix(MatrixStore<Double> s) {
        int r = Math.toIntExact(s.countRows());
        int c = Math.toIntExact(s.countColumns());
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = s.doubleValue(i, j);
            }
        }
        return Matrix.adopt(r, c, d);
    }

    static void requireFinite(Matrix m, String what) {
        String bad = m.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException(what + " has a non-finite entry at " + bad);
        }
    }
}
