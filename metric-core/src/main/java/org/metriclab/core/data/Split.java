package org.metriclab.core.data;

import java.util.Arrays;

/** Train and test row indices into one dataset (disjoint, each non-empty). */
public record Split(int[] train, int[] test) {
    public Split {
        train = train.clone();
        test = test.clone();
        if (train.length == 0) {
            throw new IllegalArgumentException("a split needs at least one training row");
        }
        if (test.length == 0) {
            throw new IllegalArgumentException("a split needs at least one test row");
        }
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** A split from an is_test flag per row. */
    public static Split fromTestFlags(boolean[] isTest) {
        int nt = 0;
        for (boolean b : isTest) {
            nt += b ? 1 : 0;
        }
        int[] train = new int[isTest.length - nt];
        int[] test = new int[nt];
        int a = 0;
        int b = 0;
        for (int i = 0; i < isTest.length; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(train, test);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + ", test=" + test.length + "]";
    }
}
