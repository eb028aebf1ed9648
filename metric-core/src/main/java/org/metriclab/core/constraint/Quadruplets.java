package org.metriclab.core.constraint;

import java.util.Arrays;

/** Relative comparisons of pairs: d(a[k], b[k]) should be smaller than d(c[k], d[k]) (LSML). */
public record Quadruplets(int[] a, int[] b, int[] c, int[] d) implements Constraints {
    public Quadruplets {
        if (a.length != b.length || a.length != c.length || a.length != d.length) {
            throw new IllegalArgumentException("quadruplet arrays differ in length");
        }
        a = a.clone();
        b = b.clone();
        c = c.clone();
        d = d.clone();
    }

    @Override
    public int[] a() {
        return a.clone();
    }

    @Override
    public int[] b() {
        return b.clone();
    }

    @Override
    public int[] c() {
        return c.clone();
    }

    @Override
    public int[] d() {
        return d.clone();
    }

    @Override
    public int size() {
        return a.length;
    }

    @Override
    public void requireIndicesBelow(int rows) {
        Constraints.check(a, rows, "a");
        Constraints.check(b, rows, "b");
        Constraints.check(c, rows, "c");
        Constraints.check(d, rows, "d");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quadruplets q && Arrays.equals(a, q.a) && Arrays.equals(b, q.b) && Arrays.equals(c, q.c) && Arrays.equals(d, q.d);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(a), Arrays.hashCode(b), Arrays.hashCode(c), Arrays.hashCode(d)});
    }

    @Override
    public String toString() {
        return "Quadruplets[" + size() + "]";
    }
}
