package org.metriclab.core.data;

import java.util.Arrays;

/**
 * A named group of feature columns (a view): distinct column indices in ascending order.
 *
 * @param name    a label for messages and reports (e.g. "view0")
 * @param columns ascending, distinct, non-negative column indices; at least one
 */
public record ColumnGroup(String name, int[] columns) {
    public ColumnGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column group needs a non-blank name");
        }
        columns = columns.clone();
        if (columns.length == 0) {
            throw new IllegalArgumentException("column group '" + name + "' has no columns");
        }
        for (int k = 0; k < columns.length; k++) {
            if (columns[k] < 0 || (k > 0 && columns[k] <= columns[k - 1])) {
                throw new IllegalArgumentException("column group '" + name + "' needs ascending distinct non-negative columns, got "
                        + Arrays.toString(columns));
            }
        }
    }

    /** The inclusive range {@code first..last}. */
    public static ColumnGroup range(String name, int first, int last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("column group '" + name + "': need 0 <= first <= last, got " + first + ".." + last);
        }
        int[] c = new int[last - first + 1];
        for (int k = 0; k < c.length; k++) {
            c[k] = first + k;
        }
        return new ColumnGroup(name, c);
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    public int size() {
        return columns.length;
    }

    public int column(int k) {
        return columns[k];
    }

    public int last() {
        return columns[columns.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnGroup g && name.equals(g.name) && Arrays.equals(columns, g.columns);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(columns);
    }
}
