package org.metriclab.index;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded clustered embeddings for index measurements: {@code classes} centres drawn from N(0, I) in {@code dim}
 * dimensions, and each row its class centre plus N(0, σ²I) noise, σ = {@code spread}; row i belongs to class
 * i mod classes. Labels are the class numbers.
 */
public record SyntheticGallery(int rows, int dim, int classes, double spread, long seed) {
    public SyntheticGallery {
        if (rows < 1 || dim < 1 || classes < 1) {
            throw new IllegalArgumentException("synthetic embeddings need positive rows, dim and classes, got " + rows + ", " + dim + ", " + classes);
        }
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw new IllegalArgumentException("synthetic spread must be finite and non-negative, got " + spread);
        }
    }

    /** The {@code rows} gallery rows. */
    public Gallery gallery() {
        return draw(rows, 1);
    }

    /** {@code n} query rows from the same class centres as the gallery, independent of its rows. */
    public Gallery queries(int n) {
        return draw(n, 2);
    }

    private Gallery draw(int n, int stream) {
        SplittableRandom centres = new SplittableRandom(seed);
        double[] c = new double[Math.multiplyExact(classes, dim)];
        for (int i = 0; i < c.length; i++) {
            c[i] = gaussian(centres);
        }
        SplittableRandom noise = new SplittableRandom(seed * 31 + stream);
        float[] v = new float[Math.multiplyExact(n, dim)];
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int cls = i % classes;
            for (int t = 0; t < dim; t++) {
                v[i * dim + t] = (float) (c[cls * dim + t] + spread * gaussian(noise));
            }
            labels.add(Integer.toString(cls));
        }
        return new Gallery(v, n, dim, labels);
    }

    /** A standard normal draw (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
