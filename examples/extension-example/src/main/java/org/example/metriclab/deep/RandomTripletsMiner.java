package org.example.metriclab.deep;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.loss.Miner;
import org.metriclab.deep.loss.Tuples;

/**
 * Uniform random triplet sampling, the usual baseline against which hard-mining strategies are compared
 * (e.g. Hermans, Beyer and Leibe, "In Defense of the Triplet Loss", 2017, §2): {@code count} triplets
 * (a, p, n), each drawn independently: anchor a uniformly among rows whose class has at least two rows
 * and at least one other class exists, positive p uniformly among the other rows of a's class, negative
 * n uniformly among the rows of other classes. Randomness comes only from the generator the trainer
 * passes (one stream per epoch), so mining is reproducible.
 *
 * <p>Parameter: {@code count} ≥ 1 [100]. A batch without any valid triplet gives an empty tuple set,
 * like the built-in triplet miners.
 */
public record RandomTripletsMiner(int count) implements Miner {
    /** The registered name. */
    public static final String NAME = "random_triplets";

    public RandomTripletsMiner {
        if (count < 1) {
            throw new IllegalArgumentException(NAME + ": count must be >= 1, got " + count);
        }
    }

    /** Reads {@code count} [100]. */
    public static RandomTripletsMiner from(Params p) {
        return new RandomTripletsMiner(p.getInt("count", 100));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        return Map.of("count", count);
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        if (labels.length != n) {
            throw new IllegalArgumentException(NAME + ": expected " + n + " labels, got " + labels.length);
        }
        int[] anchors = new int[n];
        int valid = 0;
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                same += labels[j] == labels[i] ? 1 : 0;
            }
            if (same >= 2 && same < n) {
                anchors[valid++] = i;
            }
        }
        if (valid == 0) {
            return new Tuples.Triplets(new int[0], new int[0], new int[0]);
        }
        int[] a = new int[count];
        int[] p = new int[count];
        int[] neg = new int[count];
        for (int t = 0; t < count; t++) {
            int anchor = anchors[rng.nextInt(valid)];
            a[t] = anchor;
            p[t] = pick(labels, anchor, true, rng);
            neg[t] = pick(labels, anchor, false, rng);
        }
        return new Tuples.Triplets(a, p, neg);
    }

    /** A uniform row ≠ anchor with the anchor's class ({@code same}) or with another class. */
    private static int pick(int[] labels, int anchor, boolean same, RandomGenerator rng) {
        int size = 0;
        for (int j = 0; j < labels.length; j++) {
            if (j != anchor && (labels[j] == labels[anchor]) == same) {
                size++;
            }
        }
        int k = rng.nextInt(size);
        for (int j = 0; j < labels.length; j++) {
            if (j != anchor && (labels[j] == labels[anchor]) == same && k-- == 0) {
                return j;
            }
        }
        throw new IllegalStateException("unreachable: " + size + " candidates counted");
    }
}
