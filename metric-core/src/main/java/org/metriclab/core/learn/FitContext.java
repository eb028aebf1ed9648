package org.metriclab.core.learn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a learner may use besides its data: the seed, from which independent named random streams
 * are derived ({@code random("init")}, {@code random("pairs")}: order-insensitive), and a progress
 * listener.
 */
public record FitContext(long seed, Progress progress) {
    public FitContext {
        if (progress == null) {
            throw new IllegalArgumentException("progress must not be null; use Progress.none()");
        }
    }

    public static FitContext seeded(long seed) {
        return new FitContext(seed, Progress.none());
    }

    /** An independent random stream named {@code stream}: same seed and name, same sequence. */
    public SplittableRandom random(String stream) {
        return new SplittableRandom(mix(seed, stream));
    }

    /** A 64-bit seed for a named stream (for libraries that take a seed rather than a generator). */
    public long streamSeed(String stream) {
        return mix(seed, stream);
    }

    /** Fisher–Yates shuffle of {@code 0..n-1}. */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static long mix(long seed, String stream) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < stream.length(); i++) {
            h ^= stream.charAt(i);
            h *= 0x100000001b3L;
        }
        return splitMix(seed ^ splitMix(h));
    }

    private static long splitMix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
