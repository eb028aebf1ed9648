package org.metriclab.core.data;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Immutable integer class labels, one per sample. */
public final class Labels {
    private final int[] ids;
    private final int[] classes;

    private Labels(int[] ids) {
        this.ids = ids;
        this.classes = IntStream.of(ids).distinct().sorted().toArray();
    }

    /** Labels from class ids; the array is copied. */
    public static Labels of(int... classIds) {
        return new Labels(classIds.clone());
    }

    public int size() {
        return ids.length;
    }

    public int get(int i) {
        return ids[i];
    }

    /** A copy of the class ids. */
    public int[] toArray() {
        return ids.clone();
    }

    /** Distinct class ids in ascending order. */
    public int[] classes() {
        return classes.clone();
    }

    public int classCount() {
        return classes.length;
    }

    /** Indices of the samples of one class, ascending. */
    public int[] indicesOf(int classId) {
        return IntStream.range(0, ids.length).filter(i -> ids[i] == classId).toArray();
    }

    /** Number of samples per class, in {@link #classes()} order. */
    public int[] classSizes() {
        int[] sizes = new int[classes.length];
        for (int id : ids) {
            sizes[Arrays.binarySearch(classes, id)]++;
        }
        return sizes;
    }

    /** Position of {@code classId} in {@link #classes()}, or a negative number when absent. */
    public int classIndex(int classId) {
        return Arrays.binarySearch(classes, classId);
    }

    public Labels subset(int[] rows) {
        int[] s = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            s[k] = ids[rows[k]];
        }
        return new Labels(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(ids, l.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Labels[n=" + ids.length + ", classes=" + classes.length + "]";
    }
}
