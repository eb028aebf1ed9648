package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;

class TrainSizesTest {
    /** 120 rows: rows 0..19 are test (class 0); the 100 training rows 20..119 have classes 0 ×60, 1 ×30, 2 ×10. */
    private static final int[] Y = IntStream.range(0, 120).map(i -> i < 80 ? 0 : i < 110 ? 1 : 2).toArray();
    private static final Labels LABELS = Labels.of(Y);
    private static final int[] TRAIN = IntStream.range(20, 120).toArray();

    private static int[] perClass(int[] rows) {
        int[] c = new int[3];
        for (int r : rows) {
            c[Y[r]]++;
        }
        return c;
    }

    @Test
    void sharesAreProportionalWithLargestRemainders() {
        assertArrayEquals(new int[] {30, 15, 5}, perClass(TrainSizes.subsample(LABELS, TRAIN, 50, 0, 0)), "exact shares");
        // 7 · (0.6, 0.3, 0.1) = (4.2, 2.1, 0.7): floors 4, 2, 0 give 6; the largest remainder (0.7) gets the 7th row
        assertArrayEquals(new int[] {4, 2, 1}, perClass(TrainSizes.subsample(LABELS, TRAIN, 7, 0, 0)));
        // 12 · (0.6, 0.3, 0.1) = (7.2, 3.6, 1.2): floors 7, 3, 1 give 11; remainder 0.6 wins
        assertArrayEquals(new int[] {7, 4, 1}, perClass(TrainSizes.subsample(LABELS, TRAIN, 12, 0, 0)));
        assertArrayEquals(TRAIN, TrainSizes.subsample(LABELS, TRAIN, 100, 0, 0), "the full size keeps every training row");
    }

    @Test
    void subsamplesAreSeededSortedTrainingRowsAndNested() {
        int[] a = TrainSizes.subsample(LABELS, TRAIN, 50, 3, 1);
        assertArrayEquals(a, TrainSizes.subsample(LABELS, TRAIN, 50, 3, 1), "same seed and split, same rows");
        assertFalse(Arrays.equals(a, TrainSizes.subsample(LABELS, TRAIN, 50, 4, 1)), "another seed draws other rows");
        assertFalse(Arrays.equals(a, TrainSizes.subsample(LABELS, TRAIN, 50, 3, 2)), "another split draws other rows");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertEquals(50, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(r -> r >= 20), "only training rows");
        int[] small = TrainSizes.subsample(LABELS, TRAIN, 20, 3, 1);
        assertTrue(Arrays.stream(small).allMatch(r -> Arrays.binarySearch(a, r) >= 0), "shares grow with n, so 20 ⊂ 50");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainSizes.subsample(LABELS, TRAIN, 101, 0, 0));
        assertTrue(e.getMessage().contains("exceeds the 100 training rows"), e.getMessage());
    }

    @Test
    void tableLabelsNameEachSize() {
        TrainSizes t = new TrainSizes(List.of(300, 600));
        assertEquals(List.of("iris (n=300)", "iris (n=600)"), t.names("iris"));
        assertEquals(List.of("iris"), TrainSizes.none().names("iris"));
        assertEquals("my data (n=12)", TrainSizes.name("my data", 12));
        assertThrows(IllegalArgumentException.class, () -> new TrainSizes(List.of(5, 5)));
        assertThrows(IllegalArgumentException.class, () -> new TrainSizes(List.of(1)));
    }
}
