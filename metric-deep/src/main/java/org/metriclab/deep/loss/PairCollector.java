package org.metriclab.deep.loss;

import java.util.Arrays;

/** Collects the ordered positive and negative pairs a pair miner keeps out of an n×n batch, in the order added. */
final class PairCollector {
    private final int[] a1;
    private final int[] p;
    private final int[] a2;
    private final int[] ng;
    private int kp;
    private int kn;

    PairCollector(int n) {
        this(n, n);
    }

    /** Room for every pair of a rows×cols block. */
    PairCollector(int rows, int cols) {
        int cap = Math.multiplyExact(rows, cols);
        a1 = new int[cap];
        p = new int[cap];
        a2 = new int[cap];
        ng = new int[cap];
    }

    void positive(int anchor, int j) {
        a1[kp] = anchor;
        p[kp++] = j;
    }

    void negative(int anchor, int j) {
        a2[kn] = anchor;
        ng[kn++] = j;
    }

    Tuples.Pairs pairs() {
        return new Tuples.Pairs(Arrays.copyOf(a1, kp), Arrays.copyOf(p, kp), Arrays.copyOf(a2, kn), Arrays.copyOf(ng, kn));
    }
}
