package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The axpy-form product kernel against plain triple loops, over row, t and column sub-ranges of ragged sizes. */
class RowCombinationsTest {
    private static double[][] random(SplittableRandom r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextDouble(-2, 2);
            }
        }
        return a;
    }

    @Test
    void everyRangeMatchesPlainLoopsAndLeavesTheRestAlone() {
        SplittableRandom r = new SplittableRandom(11);
        // (rows of a, t, columns of b): below four rows, multiples of four, ragged; odd and even t
        int[][] sizes = {{1, 1, 1}, {3, 2, 5}, {4, 3, 4}, {5, 4, 7}, {8, 7, 8}, {9, 10, 3}, {13, 17, 21}, {22, 31, 60}};
        for (int[] size : sizes) {
            int m = size[0];
            int k = size[1];
            int w = size[2];
            double[][] a = random(r, m, k);
            double[][] b = random(r, k, w);
            for (int trial = 0; trial < 12; trial++) {
                int rowFrom = r.nextInt(m);
                int rowTo = rowFrom + 1 + r.nextInt(m - rowFrom);
                int tFrom = r.nextInt(k + 1);
                int tTo = tFrom + r.nextInt(k - tFrom + 1);
                int jFrom = r.nextInt(w);
                int jTo = jFrom + 1 + r.nextInt(w - jFrom);
                double[][] c = random(r, m, w);
                double[][] before = new double[m][];
                for (int i = 0; i < m; i++) {
                    before[i] = c[i].clone();
                }
                RowCombinations.combine(a, b, c, rowFrom, rowTo, tFrom, tTo, jFrom, jTo);
                String at = m + "x" + k + "x" + w + " rows [" + rowFrom + "," + rowTo + ") t [" + tFrom + "," + tTo
                        + ") cols [" + jFrom + "," + jTo + ")";
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < w; j++) {
                        boolean inside = i >= rowFrom && i < rowTo && j >= jFrom && j < jTo;
                        double expected = before[i][j];
                        if (inside) {
                            expected = 0;
                            for (int t = tFrom; t < tTo; t++) {
                                expected += a[i][t] * b[t][j];
                            }
                        }
                        assertEquals(expected, c[i][j], inside ? 1e-12 : 0.0, at + " entry (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void rangesThatDoNotFitAreRejectedWithTheShapes() {
        double[][] a = new double[3][4];
        double[][] b = new double[4][5];
        double[][] c = new double[3][5];
        for (Runnable bad : new Runnable[] {
            () -> RowCombinations.combine(a, b, c, 0, 4, 0, 4, 0, 5),   // more rows than a and c have
            () -> RowCombinations.combine(a, b, c, 0, 3, 0, 5, 0, 5),   // t past b
            () -> RowCombinations.combine(a, b, c, 0, 3, 0, 4, 0, 6),   // columns past b's and c's rows
            () -> RowCombinations.combine(a, b, c, 2, 1, 0, 4, 0, 5)}) { // reversed rows
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().startsWith("row combinations:"), e.getMessage());
        }
    }
}
