package org.metriclab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

class ViewsTest {
    private static Dataset four() {
        Matrix x = Matrix.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
        return new Dataset("toy", x, Labels.of(new int[] {0, 1, 0}));
    }

    private static Views halves() {
        return new Views(List.of(ColumnGroup.range("left", 0, 1), ColumnGroup.range("right", 2, 3)));
    }

    @Test
    void aPartitionIsAcceptedAndCarriedBySubsetAndRename() {
        Dataset d = four().withViews(halves());
        assertEquals(halves(), d.subset(new int[] {2, 0}).views());
        assertEquals(halves(), d.withName("other").views());
        assertEquals(2, d.views().count());
    }

    @Test
    void overlappingUncoveredAndOutOfRangeViewsAreRejected() {
        Dataset d = four();
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> d.withViews(
                new Views(List.of(ColumnGroup.range("a", 0, 2), ColumnGroup.range("b", 2, 3)))));
        assertTrue(overlap.getMessage().contains("column 2 is in both view 'a' and view 'b'"), overlap.getMessage());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> d.withViews(
                new Views(List.of(ColumnGroup.range("a", 0, 1), ColumnGroup.range("b", 3, 3)))));
        assertTrue(gap.getMessage().contains("feature column 2 is in no view"), gap.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> d.withViews(
                new Views(List.of(ColumnGroup.range("a", 0, 1), ColumnGroup.range("b", 2, 4)))));
        assertTrue(range.getMessage().contains("names column 4, but there are only 4"), range.getMessage());
    }

    @Test
    void restrictRenumbersKeptColumnsAndDropsEmptiedViews() {
        Views v = new Views(List.of(ColumnGroup.range("a", 0, 1), ColumnGroup.range("b", 2, 2), ColumnGroup.range("c", 3, 5)));
        Views r = v.restrict(new int[] {1, 3, 5});
        assertEquals(2, r.count());
        assertArrayEquals(new int[] {0}, r.get(0).columns());
        assertEquals("c", r.get(1).name());
        assertArrayEquals(new int[] {1, 2}, r.get(1).columns());
    }

    @Test
    void newFeaturesOfAnotherWidthDropTheViewsButKeepPrivilegedColumns() {
        Matrix p = Matrix.of(new double[][] {{1}, {2}, {3}});
        Dataset d = four().withViews(halves()).withPrivileged(p);
        Dataset narrower = d.withFeatures(d.x().columns(new int[] {0, 1, 2}));
        assertTrue(narrower.views().isEmpty());
        assertEquals(Optional.of(p), narrower.privileged());
        assertEquals(halves(), d.withFeatures(d.x().scale(2)).views());
        assertEquals(Matrix.of(new double[][] {{3}, {1}}), d.subset(new int[] {2, 0}).privileged().orElseThrow());
    }

    @Test
    void privilegedRowsMustMatchAndBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> four().withPrivileged(Matrix.of(new double[][] {{1}, {2}})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> four().withPrivileged(Matrix.of(new double[][] {{1}, {Double.NaN}, {3}})));
        assertTrue(e.getMessage().contains("privileged"), e.getMessage());
    }

    @Test
    void equalityTakesViewsAndPrivilegedColumnsIntoAccount() {
        assertTrue(!four().equals(four().withViews(halves())));
        assertTrue(!four().equals(four().withPrivileged(Matrix.of(new double[][] {{1}, {2}, {3}}))));
        assertEquals(four().withViews(halves()), four().withViews(halves()));
    }
}
