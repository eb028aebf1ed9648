package org.metriclab.core.constraint;

import java.util.random.RandomGenerator;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;

/**
 * Quadruplets (a, b, c, d) with a, b of one class and c, d of different classes, so that
 * d(a, b) &lt; d(c, d) should hold (LSML's supervised sampling). {@code count ≤ 0}: 20·classes².
 */
public record RandomQuadruplets(int count) implements ConstraintSampler<Quadruplets> {
    @Override
    public Quadruplets sample(Dataset train, RandomGenerator rng) {
        train.requireAtLeastTwoClasses("quadruplet sampling");
        Labels y = train.labels();
        boolean anyPair = false;
        for (int s : y.classSizes()) {
            anyPair |= s >= 2;
        }
        if (!anyPair) {
            throw new IllegalArgumentException("no similar pairs can be formed: every class of '" + train.name() + "' has one sample");
        }
        int m = count > 0 ? count : 20 * y.classCount() * y.classCount();
        int n = y.size();
        int[] a = new int[m];
        int[] b = new int[m];
        int[] c = new int[m];
        int[] d = new int[m];
        for (int k = 0; k < m; k++) {
            int i;
            int j;
            do {
                i = rng.nextInt(n);
                j = rng.nextInt(n);
            } while (i == j || y.get(i) != y.get(j));
            int p;
            int q;
            do {
                p = rng.nextInt(n);
                q = rng.nextInt(n);
            } while (y.get(p) == y.get(q));
            a[k] = i;
            b[k] = j;
            c[k] = p;
            d[k] = q;
        }
        return new Quadruplets(a, b, c, d);
    }
}
