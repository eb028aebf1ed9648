package org.metriclab.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the feature columns of a dataset split into views (column groups), for multi-view learners.
 * Either empty (no views declared: learners treat all features as one view) or a partition of the
 * columns {@code 0..dim-1}: every column belongs to exactly one group. Learners that do not use
 * views ignore it.
 */
public record Views(List<ColumnGroup> groups) {
    private static final Views NONE = new Views(List.of());

    public Views {
        groups = List.copyOf(groups);
        List<String> names = new ArrayList<>();
        for (ColumnGroup g : groups) {
            if (names.contains(g.name())) {
                throw new IllegalArgumentException("two views are named '" + g.name() + "'");
            }
            names.add(g.name());
        }
    }

    /** No views declared. */
    public static Views none() {
        return NONE;
    }

    /** One view holding all {@code dim} columns. */
    public static Views whole(int dim) {
        return new Views(List.of(ColumnGroup.range("all", 0, dim - 1)));
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public int count() {
        return groups.size();
    }

    public ColumnGroup get(int v) {
        return groups.get(v);
    }

    /** These views, or a single view of all {@code dim} columns when none are declared. */
    public Views orWhole(int dim) {
        return isEmpty() ? whole(dim) : this;
    }

    /**
     * Throws unless the groups partition the columns {@code 0..dim-1} (or there are none): each column in
     * exactly one group.
     */
    public void requirePartitionOf(int dim, String who) {
        if (isEmpty()) {
            return;
        }
        String[] owner = new String[dim];
        for (ColumnGroup g : groups) {
            if (g.last() >= dim) {
                throw new IllegalArgumentException(who + ": view '" + g.name() + "' names column " + g.last()
                        + ", but there are only " + dim + " feature columns (0.." + (dim - 1) + ")");
            }
            for (int c : g.columns()) {
                if (owner[c] != null) {
                    throw new IllegalArgumentException(who + ": column " + c + " is in both view '" + owner[c] + "' and view '"
                            + g.name() + "'; views must not overlap");
                }
                owner[c] = g.name();
            }
        }
        for (int c = 0; c < dim; c++) {
            if (owner[c] == null) {
                throw new IllegalArgumentException(who + ": feature column " + c + " is in no view; the views must cover all "
                        + dim + " feature columns");
            }
        }
    }

    /**
     * The views after keeping only the columns {@code kept} (ascending old indices; e.g. the features a
     * standardiser keeps): each group is renumbered to the new positions, and groups left with no column are
     * dropped.
     */
    public Views restrict(int[] kept) {
        if (isEmpty()) {
            return this;
        }
        int max = -1;
        for (ColumnGroup g : groups) {
            max = Math.max(max, g.last());
        }
        int[] position = new int[max + 1];
        Arrays.fill(position, -1);
        for (int k = 0; k < kept.length; k++) {
            if (kept[k] <= max) {
                position[kept[k]] = k;
            }
        }
        List<ColumnGroup> out = new ArrayList<>();
        for (ColumnGroup g : groups) {
            int[] cols = Arrays.stream(g.columns()).map(c -> position[c]).filter(p -> p >= 0).toArray();
            if (cols.length > 0) {
                out.add(new ColumnGroup(g.name(), cols));
            }
        }
        return new Views(out);
    }
}
