package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tiled row-product kernel against plain loops, at sizes that are not multiples of the 4 × 4 tile and below it. */
class RowProductsTest {
    /** (pRows, qRows, len): below the tile, exact multiples, and ragged edges on each side. */
    private static final int[][] SIZES = {
        {1, 1, 1}, {2, 3, 1}, {3, 3, 5}, {4, 4, 4}, {4, 7, 3}, {5, 4, 9}, {6, 9, 2}, {8, 8, 8}, {9, 13, 11},
        {13, 6, 17}, {17, 17, 16}, {21, 30, 33}
    };

    private static double[] random(SplittableRandom r, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    private static double plainDot(double[] p, int r, double[] q, int s, int len) {
        double sum = 0;
        for (int t = 0; t < len; t++) {
            sum += p[r * len + t] * q[s * len + t];
        }
        return sum;
    }

    @Test
    void allEntriesMatchPlainLoops() {
        SplittableRandom r = new SplittableRandom(3);
        for (int[] size : SIZES) {
            int pr = size[0];
            int qr = size[1];
            int len = size[2];
            double[] p = random(r, pr * len);
            double[] q = random(r, qr * len);
            double[] c = new double[pr * qr];
            RowProducts.dots(p, pr, q, qr, len, c, RowProducts.Part.ALL);
            for (int i = 0; i < pr; i++) {
                for (int j = 0; j < qr; j++) {
                    assertEquals(plainDot(p, i, q, j, len), c[i * qr + j], 1e-12 * len, Arrays.toString(size) + " (" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void upperWritesExactlyTheUpperTriangle() {
        SplittableRandom r = new SplittableRandom(4);
        for (int[] size : SIZES) {
            int m = size[0];
            int len = size[2];
            double[] p = random(r, m * len);
            double[] q = random(r, m * len);
            double[] c = new double[m * m];
            Arrays.fill(c, Double.NaN);
            RowProducts.dots(p, m, q, m, len, c, RowProducts.Part.UPPER);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    String where = m + "x" + len + " (" + i + "," + j + ")";
                    if (j >= i) {
                        assertEquals(plainDot(p, i, q, j, len), c[i * m + j], 1e-12 * len, where);
                    } else {
                        assertTrue(Double.isNaN(c[i * m + j]), "entry below the diagonal written at " + where);
                    }
                }
            }
        }
    }

    @Test
    void triangularQSkipsOnlyItsZeros() {
        SplittableRandom r = new SplittableRandom(5);
        for (int[] size : SIZES) {
            int pr = size[0];
            int qr = size[1];
            int len = Math.max(qr, size[2]);
            double[] p = random(r, pr * len);
            double[] q = random(r, qr * len);
            for (int s = 0; s < qr; s++) {
                Arrays.fill(q, s * len, s * len + s, 0.0);
            }
            double[] c = new double[pr * qr];
            RowProducts.dots(p, pr, q, qr, len, c, RowProducts.Part.TRIANGULAR_Q);
            for (int i = 0; i < pr; i++) {
                for (int j = 0; j < qr; j++) {
                    assertEquals(plainDot(p, i, q, j, len), c[i * qr + j], 1e-12 * len, Arrays.toString(size) + " (" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void rowRangesTogetherGiveTheWholeProduct() {
        SplittableRandom r = new SplittableRandom(11);
        int pr = 23;
        int qr = 14;
        int len = 9;
        double[] p = random(r, pr * len);
        double[] q = random(r, qr * len);
        for (RowProducts.Part part : RowProducts.Part.values()) {
            double[] qq = part == RowProducts.Part.TRIANGULAR_Q ? upperTriangular(q, qr, len) : q;
            int rows = part == RowProducts.Part.UPPER ? qr : pr;
            double[] whole = new double[rows * qr];
            RowProducts.dots(p, rows, qq, qr, len, whole, part);
            double[] pieces = new double[rows * qr];
            for (int from = 0; from < rows; from += 8) {
                RowProducts.dots(p, from, Math.min(rows, from + 8), qq, qr, len, pieces, part);
            }
            assertArrayEquals(whole, pieces, 0.0, part.toString());
        }
        assertThrows(IllegalArgumentException.class,
                () -> RowProducts.dots(p, 2, 6, q, qr, len, new double[qr * qr], RowProducts.Part.UPPER));
    }

    private static double[] upperTriangular(double[] q, int rows, int len) {
        double[] t = q.clone();
        for (int s = 0; s < rows; s++) {
            for (int k = 0; k < Math.min(s, len); k++) {
                t[s * len + k] = 0;
            }
        }
        return t;
    }
}
