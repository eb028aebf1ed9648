package org.metriclab.core.data;

import java.util.Arrays;

/** A growing array of doubles, so rows are stored as numbers rather than as strings. */
final class GrowingDoubles {
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
        if (size == data.length) {
            if (size >= MAX_VALUES) {
                throw new DataFormatException("more than " + MAX_VALUES + " values; a table must fit one Java array");
            }
            data = Arrays.copyOf(data, (int) Math.min(MAX_VALUES, 2L * size));
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
