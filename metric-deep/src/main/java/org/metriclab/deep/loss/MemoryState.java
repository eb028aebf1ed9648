package org.metriclab.deep.loss;

/**
 * The cross-batch memory of one training run at a point in time, as checkpoints store it: the ring
 * buffer's capacity, the embedding width ({@code 0} before the first batch), the slot the next batch
 * row is written to, how many slots hold rows, and those rows (slot order, row-major
 * {@code fill × dim}) with their class indices. A memory that is not yet full has been written from slot
 * 0 on, so its write position equals its fill count.
 */
public record MemoryState(int memorySize, int dim, int next, int fill, double[] rows, int[] labels) {
    public MemoryState {
        if (memorySize < 1 || dim < 0 || fill < 0 || fill > memorySize || next < 0 || next >= memorySize) {
            throw new IllegalArgumentException("memory of " + memorySize + " rows with fill " + fill + ", write position " + next + " and width "
                    + dim + " is inconsistent");
        }
        if (fill < memorySize && next != fill) {
            throw new IllegalArgumentException("a memory filled to " + fill + " of " + memorySize + " rows must write next at slot " + fill
                    + ", not " + next);
        }
        if ((fill > 0) != (dim > 0) || rows.length != fill * dim || labels.length != fill) {
            throw new IllegalArgumentException("memory holds " + rows.length + " values and " + labels.length + " labels for " + fill
                    + " rows of width " + dim);
        }
        for (double v : rows) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("memory holds a non-finite embedding value");
            }
        }
        for (int y : labels) {
            if (y < 0) {
                throw new IllegalArgumentException("memory holds a negative class index " + y);
            }
        }
    }

    /** A memory of {@code memorySize} rows before its first batch. */
    public static MemoryState empty(int memorySize) {
        return new MemoryState(memorySize, 0, 0, 0, new double[0], new int[0]);
    }

    /** The largest class index stored, or -1 for an empty memory. */
    public int maxLabel() {
        int max = -1;
        for (int y : labels) {
            max = Math.max(max, y);
        }
        return max;
    }
}
