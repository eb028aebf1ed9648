package org.example.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.LossProbe;
import org.metriclab.deep.LossValue;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.Tuples;

/** random_triplets: valid, reproducible, roughly uniform, and reachable by name through metric-deep's registry. */
class RandomTripletsMinerTest {
    private static final int[] LABELS = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3};

    @Test
    void everyTripletIsValidAndTheSeedFixesThem() {
        RandomTripletsMiner m = new RandomTripletsMiner(500);
        Tuples.Triplets t = (Tuples.Triplets) m.mine(new double[LABELS.length], LABELS.length, 1, LABELS, new SplittableRandom(1));
        assertEquals(500, t.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(LABELS[t.a()[i]], LABELS[t.p()[i]]);
            assertNotEquals(t.a()[i], t.p()[i]);
            assertNotEquals(LABELS[t.a()[i]], LABELS[t.n()[i]]);
            assertNotEquals(9, t.a()[i], "the lone class-3 row cannot anchor");
        }
        Tuples.Triplets again = (Tuples.Triplets) m.mine(new double[LABELS.length], LABELS.length, 1, LABELS, new SplittableRandom(1));
        assertTrue(Arrays.equals(t.a(), again.a()) && Arrays.equals(t.p(), again.p()) && Arrays.equals(t.n(), again.n()));
    }

    @Test
    void anchorsAreUniformOverTheNineValidRows() {
        int draws = 90_000;
        Tuples.Triplets t = (Tuples.Triplets) new RandomTripletsMiner(draws).mine(new double[10], 10, 1, LABELS, new SplittableRandom(2));
        int[] counts = new int[10];
        for (int a : t.a()) {
            counts[a]++;
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(draws / 9.0, counts[i], 5 * Math.sqrt(draws / 9.0), "anchor " + i + ": " + Arrays.toString(counts));
        }
    }

    @Test
    void noValidTripletGivesAnEmptySetAndBadCountsAreRejected() {
        Tuples.Triplets none = (Tuples.Triplets) new RandomTripletsMiner(5).mine(new double[3], 3, 1, new int[] {0, 1, 2}, new SplittableRandom(0));
        assertEquals(0, none.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomTripletsMiner(0));
        assertTrue(e.getMessage().contains("count must be >= 1"), e.getMessage());
    }

    @Test
    void isFoundByNameByTheUnchangedDeepModule() {
        assertTrue(Losses.minerNames().contains("random_triplets"), Losses.minerNames().toString());
        assertEquals(new RandomTripletsMiner(7), Losses.miner("random_triplets", Map.of("count", 7)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Losses.miner("random_triplets", Map.of("cnt", 7)));
        assertTrue(unknown.getMessage().contains("cnt"), unknown.getMessage());
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = new double[LABELS.length][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextGaussian();
            }
        }
        LossValue v = LossProbe.compute("triplet_margin", Map.of("margin", 0.2), "random_triplets", Map.of("count", 50),
                Matrix.of(x), Labels.of(LABELS), null);
        assertTrue(Double.isFinite(v.value()) && v.value() >= 0 && v.gradNorm() >= 0, v.toString());
    }
}
