package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;

class ProtocolTest {
    private static final Labels LABELS = Labels.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2);

    @Test
    void kfoldTestsEveryRowOnceAndStratifies() {
        List<Split> splits = new Protocol.KFold(3).splits(LABELS, Optional.empty(), 7);
        assertEquals(3, splits.size());
        int[] tested = new int[LABELS.size()];
        for (Split s : splits) {
            assertEquals(LABELS.size(), s.train().length + s.test().length);
            Arrays.stream(s.test()).forEach(i -> tested[i]++);
            int[] sizes = LABELS.subset(s.test()).classSizes();
            assertTrue(Arrays.equals(new int[] {2, 3, 1}, sizes), Arrays.toString(sizes));
        }
        assertTrue(Arrays.stream(tested).allMatch(c -> c == 1));
        assertEquals(splits, new Protocol.KFold(3).splits(LABELS, Optional.empty(), 7), "same seed, same folds");
        List<Split> other = new Protocol.KFold(3).splits(LABELS, Optional.empty(), 8);
        assertTrue(!splits.equals(other), "another seed gives other folds");
    }

    @Test
    void holdoutIsStratifiedAndRepeated() {
        List<Split> splits = new Protocol.Holdout(1.0 / 3, 4).splits(LABELS, Optional.empty(), 1);
        assertEquals(4, splits.size());
        for (Split s : splits) {
            assertTrue(Arrays.equals(new int[] {2, 3, 1}, LABELS.subset(s.test()).classSizes()));
        }
        assertTrue(!splits.get(0).equals(splits.get(1)));
    }

    @Test
    void classDisjointSeparatesClasses() {
        Split s = new Protocol.ClassDisjoint(List.of(0, 2), List.of(1)).splits(LABELS, Optional.empty(), 0).get(0);
        assertTrue(Arrays.stream(s.train()).allMatch(i -> LABELS.get(i) != 1));
        assertTrue(Arrays.stream(s.test()).allMatch(i -> LABELS.get(i) == 1));
        assertEquals(9, s.test().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Protocol.ClassDisjoint(List.of(0), List.of(5)).splits(LABELS, Optional.empty(), 0));
        assertTrue(e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void fixedSplitNeedsTheDatasetsOwnSplit() {
        Split own = Split.fromTestFlags(new boolean[] {false, true, false});
        assertEquals(List.of(own), new Protocol.FixedSplit().splits(Labels.of(0, 1, 0), Optional.of(own), 3));
        assertThrows(IllegalArgumentException.class, () -> new Protocol.FixedSplit().splits(Labels.of(0, 1, 0), Optional.empty(), 3));
    }
}
