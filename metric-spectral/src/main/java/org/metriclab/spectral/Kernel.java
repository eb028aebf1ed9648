package org.metriclab.spectral;

import java.util.Arrays;
import java.util.Locale;
import org.metriclab.core.linalg.Matrix;

/**
 * A positive-definite kernel with its parameters resolved: RBF k(a, b) = exp(−γ‖a − b‖²),
 * POLYNOMIAL k(a, b) = (γ aᵀb + coef0)^degree or LINEAR k(a, b) = aᵀb, which ignores γ, degree and
 * coef0 (scikit-learn's conventions).
 */
public record Kernel(Type type, double gamma, int degree, double coef0) {
    /** The kernel families. */
    public enum Type {
        RBF, POLYNOMIAL, LINEAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Kernel {
        if (type == null) {
            throw new IllegalArgumentException("kernel type must be rbf, polynomial or linear");
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("kernel gamma must be a finite number > 0, got " + gamma);
        }
        if (degree < 1) {
            throw new IllegalArgumentException("polynomial kernel degree must be >= 1, got " + degree);
        }
        if (!Double.isFinite(coef0) || (type == Type.POLYNOMIAL && coef0 < 0)) {
            throw new IllegalArgumentException("polynomial kernel coef0 must be finite and >= 0, got " + coef0);
        }
    }

    /** k(a, b) for rows of flat arrays: a at offset oa, b at offset ob, both of length d. */
    double apply(double[] a, int oa, double[] b, int ob, int d) {
        if (type == Type.RBF) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = a[oa + t] - b[ob + t];
                s += diff * diff;
            }
            return Math.exp(-gamma * s);
        }
        double s = 0;
        for (int t = 0; t < d; t++) {
            s += a[oa + t] * b[ob + t];
        }
        return type == Type.LINEAR ? s : Math.pow(gamma * s + coef0, degree);
    }

    /**
     * Checks a learner's kernel settings before γ is resolved against data (γ = 0 means automatic); the
     * failure names the learner {@code who}.
     */
    static void requireSettings(String who, Type type, double gamma, int degree, double coef0) {
        if (type == null) {
            throw new IllegalArgumentException(who + ": kernel must be rbf, polynomial or linear");
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException(who + ": gamma must be a finite number >= 0 (0 = automatic), got " + gamma);
        }
        if (degree < 1 || !(coef0 >= 0) || Double.isInfinite(coef0)) {
            throw new IllegalArgumentException(who + ": need degree >= 1 and finite coef0 >= 0, got " + degree + ", " + coef0);
        }
    }

    /**
     * The kernel of the given family with γ resolved against the data: γ ≤ 0 means the median heuristic
     * for RBF and 1/d (scikit-learn's default) for the others.
     */
    static Kernel resolve(Type type, double gamma, int degree, double coef0, Matrix x) {
        double g = gamma > 0 ? gamma : type == Type.RBF ? medianGamma(x) : 1.0 / x.cols();
        return new Kernel(type, g, degree, coef0);
    }

    /** 1 / median pairwise squared distance (the median heuristic); 1 when all points coincide. */
    static double medianGamma(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] data = x.toArray();
        double[] all = new double[n * (n - 1) / 2];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = data[i * d + t] - data[j * d + t];
                    s += diff * diff;
                }
                all[c++] = s;
            }
        }
        Arrays.sort(all);
        double median = all.length == 0 ? 0 : all[all.length / 2];
        return median > 0 ? 1.0 / median : 1.0;
    }
}
