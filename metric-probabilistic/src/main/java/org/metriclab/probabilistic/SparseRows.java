package org.metriclab.probabilistic;

/**
 * An n×n matrix stored by rows, each row as its nonzero columns (ascending) and their values: row i
 * holds {@code columns[i][t]} → {@code values[i][t]} for t &lt; {@code columns[i].length}. Used for the
 * pair weights G of the softmax-neighbour objectives, whose rows keep only the entries within
 * {@link SoftmaxRows#CUTOFF} of the row minimum.
 *
 * @param n       the matrix order
 * @param columns per row, the column indices of the stored entries
 * @param values  per row, the stored values (same lengths as {@code columns})
 */
record SparseRows(int n, int[][] columns, double[][] values) {
    SparseRows {
        if (columns.length != n || values.length != n) {
            throw new IllegalArgumentException("sparse rows: need " + n + " column and value rows, got " + columns.length
                    + " and " + values.length);
        }
    }

    /** Number of stored entries. */
    long nonzeros() {
        long m = 0;
        for (int[] c : columns) {
            m += c.length;
        }
        return m;
    }

    /** The transpose, in O(n + nonzeros); its rows' columns come out ascending. */
    SparseRows transpose() {
        int[] count = new int[n];
        for (int[] c : columns) {
            for (int j : c) {
                count[j]++;
            }
        }
        int[][] tc = new int[n][];
        double[][] tv = new double[n][];
        for (int j = 0; j < n; j++) {
            tc[j] = new int[count[j]];
            tv[j] = new double[count[j]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            int[] c = columns[i];
            double[] v = values[i];
            for (int t = 0; t < c.length; t++) {
                int j = c[t];
                int f = fill[j]++;
                tc[j][f] = i;
                tv[j][f] = v[t];
            }
        }
        return new SparseRows(n, tc, tv);
    }
}
