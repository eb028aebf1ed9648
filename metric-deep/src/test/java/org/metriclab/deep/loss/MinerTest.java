package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Miners against brute-force enumeration written directly from the PML definitions. */
class MinerTest {
    static final int N = 10;
    static final int D = 3;
    final double[] x = LossGradientTest.randomBlock(N, D, 42);
    final int[] y = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3};

    double dist(int i, int j) {
        double ni = 0;
        double nj = 0;
        for (int k = 0; k < D; k++) {
            ni += x[i * D + k] * x[i * D + k];
            nj += x[j * D + k] * x[j * D + k];
        }
        double s = 0;
        for (int k = 0; k < D; k++) {
            double t = x[i * D + k] / Math.sqrt(ni) - x[j * D + k] / Math.sqrt(nj);
            s += t * t;
        }
        return Math.sqrt(s);
    }

    double cos(int i, int j) {
        double dd = dist(i, j);
        return 1 - dd * dd / 2;
    }

    static Set<List<Integer>> triplets(Tuples t) {
        Tuples.Triplets tr = (Tuples.Triplets) t;
        Set<List<Integer>> s = new HashSet<>();
        for (int k = 0; k < tr.size(); k++) {
            assertTrue(s.add(List.of(tr.a()[k], tr.p()[k], tr.n()[k])), "duplicate triplet");
        }
        return s;
    }

    @Test
    void tripletMarginMinerTypesMatchBruteForce() {
        for (String type : List.of("all", "semihard", "hard", "easy")) {
            double margin = 0.3;
            Set<List<Integer>> want = new HashSet<>();
            for (int a = 0; a < N; a++) {
                for (int p = 0; p < N; p++) {
                    for (int n = 0; n < N; n++) {
                        if (a == p || y[a] != y[p] || y[n] == y[a]) {
                            continue;
                        }
                        double tm = dist(a, n) - dist(a, p);
                        boolean keep = switch (type) {
                            case "all" -> tm <= margin;
                            case "semihard" -> tm > 0 && tm <= margin;
                            case "hard" -> tm <= 0;
                            default -> tm > margin;
                        };
                        if (keep) {
                            want.add(List.of(a, p, n));
                        }
                    }
                }
            }
            Tuples got = Losses.miner("triplet_margin", Map.of("margin", margin, "type_of_triplets", type)).mine(x, N, D, y, null);
            assertEquals(want, triplets(got), type);
        }
        assertEquals(3 * 2 * 7 * 3, triplets(new BatchAllMiner().mine(x, N, D, y, null)).size());
    }

    @Test
    void batchHardPicksFarthestPositiveAndClosestNegative() {
        Tuples.Triplets t = (Tuples.Triplets) Losses.miner("batch_hard", Map.of()).mine(x, N, D, y, null);
        assertEquals(9, t.size(), "the lone sample of class 3 has no positive");
        for (int k = 0; k < t.size(); k++) {
            int a = t.a()[k];
            for (int j = 0; j < N; j++) {
                if (j != a && y[j] == y[a]) {
                    assertTrue(dist(a, t.p()[k]) >= dist(a, j));
                }
                if (y[j] != y[a]) {
                    assertTrue(dist(a, t.n()[k]) <= dist(a, j));
                }
            }
        }
        Tuples.Triplets easy = (Tuples.Triplets) Losses.miner("batch_hard", Map.of("pos_strategy", "easy")).mine(x, N, D, y, null);
        for (int k = 0; k < easy.size(); k++) {
            int a = easy.a()[k];
            for (int j = 0; j < N; j++) {
                if (j != a && y[j] == y[a]) {
                    assertTrue(dist(a, easy.p()[k]) <= dist(a, j));
                }
            }
        }
    }

    static Set<List<Integer>> pairs(int[] a, int[] b) {
        Set<List<Integer>> s = new HashSet<>();
        for (int k = 0; k < a.length; k++) {
            s.add(List.of(a[k], b[k]));
        }
        return s;
    }

    @Test
    void pairMarginAndMultiSimilarityMinersMatchBruteForce() {
        Set<List<Integer>> pos = new HashSet<>();
        Set<List<Integer>> neg = new HashSet<>();
        Set<List<Integer>> msPos = new HashSet<>();
        Set<List<Integer>> msNeg = new HashSet<>();
        double eps = 0.2;
        for (int a = 0; a < N; a++) {
            double maxNeg = Double.NEGATIVE_INFINITY;
            double minPos = Double.POSITIVE_INFINITY;
            for (int j = 0; j < N; j++) {
                if (j != a && y[j] == y[a]) {
                    minPos = Math.min(minPos, cos(a, j));
                } else if (y[j] != y[a]) {
                    maxNeg = Math.max(maxNeg, cos(a, j));
                }
            }
            for (int j = 0; j < N; j++) {
                if (j != a && y[j] == y[a]) {
                    if (dist(a, j) > 0.4) {
                        pos.add(List.of(a, j));
                    }
                    if (cos(a, j) - eps < maxNeg) {
                        msPos.add(List.of(a, j));
                    }
                } else if (y[j] != y[a]) {
                    if (dist(a, j) < 1.1) {
                        neg.add(List.of(a, j));
                    }
                    if (cos(a, j) + eps > minPos) {
                        msNeg.add(List.of(a, j));
                    }
                }
            }
        }
        Tuples.Pairs pm = (Tuples.Pairs) Losses.miner("pair_margin", Map.of("pos_margin", 0.4, "neg_margin", 1.1)).mine(x, N, D, y, null);
        assertEquals(pos, pairs(pm.a1(), pm.p()));
        assertEquals(neg, pairs(pm.a2(), pm.n()));
        Tuples.Pairs ms = (Tuples.Pairs) Losses.miner("multi_similarity", Map.of("epsilon", eps)).mine(x, N, D, y, null);
        assertEquals(msPos, pairs(ms.a1(), ms.p()));
        assertEquals(msNeg, pairs(ms.a2(), ms.n()));
        assertTrue(!msPos.isEmpty() && !msNeg.isEmpty());
    }

    @Test
    void distanceWeightedSamplesOnlyValidNegativesReproducibly() {
        Miner m = Losses.miner("distance_weighted", Map.of("cutoff", 0.5, "nonzero_loss_cutoff", 1.9));
        Tuples.Triplets a = (Tuples.Triplets) m.mine(x, N, D, y, new SplittableRandom(1));
        Tuples.Triplets b = (Tuples.Triplets) m.mine(x, N, D, y, new SplittableRandom(1));
        assertArrayEquals(a.n(), b.n());
        assertTrue(a.size() > 0);
        for (int k = 0; k < a.size(); k++) {
            assertTrue(y[a.a()[k]] == y[a.p()[k]] && a.a()[k] != a.p()[k]);
            assertTrue(y[a.n()[k]] != y[a.a()[k]]);
            assertTrue(dist(a.a()[k], a.n()[k]) < 1.9);
        }
        // the weights are 1/q(d) of the sphere-distance density (brute force for one entry)
        double[] w = ((DistanceWeightedMiner) m).weights(x, N, D, y);
        List<Double> ratios = new ArrayList<>();
        for (int j : new int[] {3, 4, 5}) {
            double dd = Math.max(0.5, dist(0, j));
            double q = Math.pow(dd, D - 2.0) * Math.pow(1 - dd * dd / 4, (D - 3) / 2.0);
            ratios.add(dd < 1.9 ? w[j] * q : -1);
        }
        for (int i = 1; i < ratios.size(); i++) {
            if (ratios.get(i) > 0 && ratios.get(0) > 0) {
                assertEquals(ratios.get(0), ratios.get(i), 1e-9 * ratios.get(0));
            }
        }
    }

    @Test
    void pairTripletConversionsFollowPml() {
        Tuples.Pairs p = new Tuples.Pairs(new int[] {0, 1}, new int[] {1, 0}, new int[] {0, 0, 1}, new int[] {3, 4, 5});
        Tuples.Triplets t = Tuples.toTriplets(p, y);
        assertArrayEquals(new int[] {0, 0, 1}, t.a());
        assertArrayEquals(new int[] {1, 1, 0}, t.p());
        assertArrayEquals(new int[] {3, 4, 5}, t.n());
        double[] w = Tuples.weights(t, N);
        assertEquals(1.0, w[0]);
        assertEquals(0.0, w[9]);
    }
}
