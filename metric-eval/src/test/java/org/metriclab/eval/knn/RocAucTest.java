package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chunked (multi-pass) exact ROC-AUC equals the single-chunk one and direct pair counts, ties and near-ties included. */
class RocAucTest {
    @Test
    void chunkedPassesGiveTheSameExactValue() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (boolean integer : new boolean[] {false, true}) {
            int n = 100;
            int d = 3;
            double[] x = new double[n * d];
            int[] y = new int[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = integer ? rnd.nextInt(4) : rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(3);
            }
            EmbeddingRows e = EmbeddingRows.of(x, n, d, "x");
            ReferenceTiles tiles = new ReferenceTiles(e);
            double whole = RocAuc.compute(e, y, tiles, y, true, Integer.MAX_VALUE);
            double chunked = RocAuc.compute(e, y, tiles, y, true, integer ? 1500 : 300);
            assertEquals(whole, chunked, 1e-15, "integer=" + integer);
            java.util.List<Double> posD = new java.util.ArrayList<>();
            java.util.List<Double> negD = new java.util.ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b) {
                        (y[a] == y[b] ? posD : negD).add(dist(x, a, b, d));
                    }
                }
            }
            double num = 0;
            for (double dp : posD) {
                for (double dn : negD) {
                    num += dp < dn ? 1 : dp == dn ? 0.5 : 0;
                }
            }
            long pos = posD.size();
            long neg = negD.size();
            // over ordered pairs, as defined; self mode counts each unordered pair once, which gives the same number exactly
            assertEquals(num / ((double) pos * neg), whole, 0.0);
            assertTrue(whole > 0.3 && whole < 0.7, "random labels: AUC near 0.5, got " + whole);
        }
    }

    @Test
    void selfModeOverSeveralReferenceTilesMatchesARankSumOverAllPairs() {
        // 1100 points span three reference tiles, so the rows skip whole tiles before the query; integer
        // coordinates make many distances tie across positives and negatives
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 1100;
        int d = 2;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(6);
        }
        for (int i = 0; i < n; i++) {
            y[i] = (int) (x[i * d] / 2) + (rnd.nextInt(4) == 0 ? 1 : 0);
        }
        EmbeddingRows e = EmbeddingRows.of(x, n, d, "x");
        ReferenceTiles tiles = new ReferenceTiles(e);
        assertTrue(tiles.tiles() >= 3, "tiles: " + tiles.tiles());
        // Mann–Whitney by sorting every ordered pair (distance, positive?) with midranks for ties
        int pairs = n * (n - 1);
        double[] dd = new double[pairs];
        boolean[] pos = new boolean[pairs];
        Integer[] order = new Integer[pairs];
        int m = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    dd[m] = dist(x, a, b, d);
                    pos[m] = y[a] == y[b];
                    order[m] = m;
                    m++;
                }
            }
        }
        java.util.Arrays.sort(order, (u, v) -> Double.compare(dd[u], dd[v]));
        // AUC = Σ over positives of (#negatives farther + ½ #negatives at the same distance) / (P·N)
        long negatives = 0;
        for (boolean p : pos) {
            negatives += p ? 0 : 1;
        }
        long positives = pairs - negatives;
        double num = 0;
        long negBelowOrAt = 0;
        for (int k = 0; k < pairs; ) {
            int end = k;
            long tiePos = 0;
            long tieNeg = 0;
            while (end < pairs && dd[order[end]] == dd[order[k]]) {
                if (pos[order[end]]) {
                    tiePos++;
                } else {
                    tieNeg++;
                }
                end++;
            }
            num += tiePos * ((double) (negatives - negBelowOrAt - tieNeg) + 0.5 * tieNeg);
            negBelowOrAt += tieNeg;
            k = end;
        }
        double expected = num / ((double) positives * negatives);
        assertEquals(expected, RocAuc.compute(e, y, tiles, y, true, Integer.MAX_VALUE), 1e-15);
        assertEquals(expected, RocAuc.compute(e, y, tiles, y, true, 50_000), 1e-15);
        assertTrue(expected > 0.6 && expected < 0.99, "informative labels: " + expected);
    }

    @Test
    void distancesThatDifferOnlyInTheirLastBitsAreOrderedExactly() {
        // points on a line with tiny jitter: all pairs of one lag share a distance up to the last 20-30 bits
        // (the same coarse and fine bucket, different 32-bit residuals, both halves of the unsigned range), some
        // points repeat exactly (exact ties across positives and negatives); random labels mix both in each bucket
        SplittableRandom rnd = new SplittableRandom(13);
        for (double jitter : new double[] {1e-7, 1e-9, 0.0}) {
            int n = 240;
            double[] x = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(5) == 0 && i > 0 ? x[i - 1] : 0.25 * i * (1 + jitter * rnd.nextDouble(-1, 1));
                y[i] = rnd.nextInt(2);
            }
            EmbeddingRows e = EmbeddingRows.of(x, n, 1, "x");
            ReferenceTiles tiles = new ReferenceTiles(e);
            double self = RocAuc.compute(e, y, tiles, y, true, Integer.MAX_VALUE);
            assertEquals(pairCount(x, y, true), self, 1e-15, "jitter " + jitter);
            assertEquals(self, RocAuc.compute(e, y, tiles, y, true, 3000), 0.0, "jitter " + jitter + ", chunked");
            // as queries against a reference set: ordered pairs, the self pairs (distance 0) included as positives
            assertEquals(pairCount(x, y, false), RocAuc.compute(e, y, tiles, y, false, Integer.MAX_VALUE), 1e-15,
                    "jitter " + jitter + ", as query x reference");
        }
    }

    @Test
    void separateQueriesWithLabelsMissingOnEitherSideMatchAPairCount() {
        // queries against a different reference set over 3 reference tiles; label 3 only among the queries, label 4
        // only among the references: their pairs are all negatives
        SplittableRandom rnd = new SplittableRandom(21);
        int d = 5;
        int nq = 37;
        int nr = 2 * ReferenceTiles.WIDTH + 7;
        double[] q = new double[nq * d];
        double[] r = new double[nr * d];
        int[] qy = new int[nq];
        int[] ry = new int[nr];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextInt(3) + (rnd.nextBoolean() ? 0.0 : rnd.nextGaussian() * 1e-3);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextInt(3) + (rnd.nextBoolean() ? 0.0 : rnd.nextGaussian() * 1e-3);
        }
        for (int i = 0; i < nq; i++) {
            qy[i] = rnd.nextInt(4);
        }
        for (int j = 0; j < nr; j++) {
            ry[j] = rnd.nextInt(3) == 0 ? 4 : rnd.nextInt(3);
        }
        java.util.List<Double> posD = new java.util.ArrayList<>();
        java.util.List<Double> negD = new java.util.ArrayList<>();
        for (int a = 0; a < nq; a++) {
            for (int b = 0; b < nr; b++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double v = q[a * d + t] - r[b * d + t];
                    s += v * v;
                }
                (qy[a] == ry[b] ? posD : negD).add(s);
            }
        }
        double expected = mannWhitney(posD, negD);
        ReferenceTiles tiles = new ReferenceTiles(EmbeddingRows.of(r, nr, d, "r"));
        EmbeddingRows queries = EmbeddingRows.of(q, nq, d, "q");
        assertEquals(expected, RocAuc.compute(queries, qy, tiles, ry, false, Integer.MAX_VALUE), 1e-15);
        assertEquals(expected, RocAuc.compute(queries, qy, tiles, ry, false, 600), 1e-15, "chunked");
        // more positives at one distance than a chunk holds: a clear error, not a wrong count
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RocAuc.compute(queries, qy, tiles, ry, false, 50));
        assertTrue(e.getMessage().contains("share nearly the same distance"), e.getMessage());
    }

    /** Mann–Whitney over the 1-D points' pairs: unordered without self pairs, or all ordered pairs. */
    private static double pairCount(double[] x, int[] y, boolean selfMode) {
        int n = x.length;
        java.util.List<Double> posD = new java.util.ArrayList<>();
        java.util.List<Double> negD = new java.util.ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = selfMode ? a + 1 : 0; b < n; b++) {
                (y[a] == y[b] ? posD : negD).add(dist(x, a, b, 1));
            }
        }
        return mannWhitney(posD, negD);
    }

    /** (#(pos, neg) with pos &lt; neg + ½ #(pos, neg) with pos = neg) / (P·N), negatives sorted and searched. */
    private static double mannWhitney(java.util.List<Double> posD, java.util.List<Double> negD) {
        double[] negs = negD.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double num = 0;
        for (double dp : posD) {
            int lo = lowerBound(negs, dp);
            int hi = lowerBound(negs, Math.nextUp(dp));
            num += (negs.length - hi) + 0.5 * (hi - lo);
        }
        return num / ((double) posD.size() * negs.length);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double dist(double[] x, int a, int b, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = x[a * d + t] - x[b * d + t];
            s += v * v;
        }
        return s;
    }
}
