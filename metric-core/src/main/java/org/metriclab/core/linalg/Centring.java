package org.metriclab.core.linalg;

/**
 * The column means of a row matrix (rows are samples) and centring on them: x − x̄, the centred
 * scatter Σ_i (x_i − x̄)(x_i − x̄)ᵀ and the sample covariance (ddof = 1). Each mean is Σ_i x_ij / n,
 * summed in row order and divided once.
 *
 * @param means one per column
 */
public record Centring(double[] means) {
    public Centring {
        means = means.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    /** The column means of x; x needs at least one row. */
    public static Centring of(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        if (n < 1) {
            throw new IllegalArgumentException("column means need at least one row, got " + x.shape());
        }
        double[] data = x.toArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return new Centring(mean);
    }

    /** The rows of x minus these means. */
    public Matrix apply(Matrix x) {
        int d = means.length;
        if (x.cols() != d) {
            throw new IllegalArgumentException("centring on " + d + " means, got " + x.shape());
        }
        double[] c = x.toArray();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] -= means[j];
            }
        }
        return Matrix.adopt(x.rows(), d, c);
    }

    /** The rows of x minus their own column means. */
    public static Matrix centred(Matrix x) {
        return of(x).apply(x);
    }

    /** Σ_i (x_i − x̄)(x_i − x̄)ᵀ, the unnormalised total scatter of the rows of x (d × d). */
    public static Matrix scatter(Matrix x) {
        return centred(x).gram();
    }

    /** The sample covariance (ddof = 1) of the rows of x; x needs at least two rows. */
    public static Matrix covariance(Matrix x) {
        if (x.rows() < 2) {
            throw new IllegalArgumentException("a sample covariance needs at least two rows, got " + x.shape());
        }
        return scatter(x).scale(1.0 / (x.rows() - 1));
    }
}
