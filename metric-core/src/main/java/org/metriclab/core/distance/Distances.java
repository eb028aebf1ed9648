package org.metriclab.core.distance;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.metriclab.core.linalg.Vectors;

/** The standard fixed distances, addressable by their lower-case names. */
public enum Distances implements Distance {
    /** ‖a − b‖₂. */
    EUCLIDEAN {
        @Override
        public double between(double[] a, double[] b) {
            return Math.sqrt(Vectors.squaredDistance(a, b));
        }
    },
    /** ‖a − b‖₂² (not a metric: violates the triangle inequality, but ranks like Euclidean). */
    SQUARED_EUCLIDEAN {
        @Override
        public double between(double[] a, double[] b) {
            return Vectors.squaredDistance(a, b);
        }
    },
    /** 1 − cos(a, b); a zero vector has cosine similarity 0 with everything. */
    COSINE {
        @Override
        public double between(double[] a, double[] b) {
            double na = Vectors.norm(a);
            double nb = Vectors.norm(b);
            if (na == 0 || nb == 0) {
                return 1.0;
            }
            return Math.max(0.0, 1.0 - Vectors.dot(a, b) / (na * nb));
        }
    },
    /** Σ|aᵢ − bᵢ|. */
    MANHATTAN {
        @Override
        public double between(double[] a, double[] b) {
            Vectors.requireSameLength(a, b);
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += Math.abs(a[i] - b[i]);
            }
            return s;
        }
    };

    /** The config name, e.g. "squared_euclidean". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Distances byName(String name) {
        for (Distances d : values()) {
            if (d.key().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown distance '" + name + "'; known: "
                + Arrays.stream(values()).map(Distances::key).collect(Collectors.joining(", ")));
    }
}
