package org.metriclab.core.stochastic;

/**
 * The arithmetic shared by the stochastic objectives of a linear map L (p×d, row-major): embedding rows
 * (z = L x) and accumulating gradients of weighted squared distances D_qc = ‖z_q − z_c‖², whose
 * derivative in L is 2(z_q − z_c)(x_q − x_c)ᵀ.
 */
public final class LinearEmbedding {
    private LinearEmbedding() {
    }

    /** z = L x for the first {@code count} rows of {@code x} (row-major, d columns). */
    public static double[] embed(double[] x, int count, int d, double[] l, int p) {
        double[] z = new double[count * p];
        for (int r = 0; r < count; r++) {
            int xo = r * d;
            for (int a = 0; a < p; a++) {
                int lo = a * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += l[lo + k] * x[xo + k];
                }
                z[r * p + a] = s;
            }
        }
        return z;
    }

    /**
     * gradient += 2 Σ_c w_c (z_q − z_c)(x_q − x_c)ᵀ, the gradient of Σ_c w_c D_qc, for one query (z_q, x_q)
     * and m references (rows of {@code zr}, {@code xr}).
     */
    public static void weightedPairs(double[] zq, double[] xq, double[] zr, double[] xr, double[] w, int m, int p, int d,
                                     double[] gradient) {
        double[] u = new double[p];
        double[] v = new double[p];
        for (int c = 0; c < m; c++) {
            if (w[c] == 0) {
                continue;
            }
            for (int a = 0; a < p; a++) {
                v[a] = w[c] * (zq[a] - zr[c * p + a]);
                u[a] += v[a];
            }
            outerRow(gradient, -2.0, v, 0, xr, c * d, p, d);
        }
        outerRow(gradient, 2.0, u, 0, xq, 0, p, d);
    }

    /** gradient (p×d) += factor · u xᵀ with u = u[uo .. uo + p − 1] and x = x[xo .. xo + d − 1]. */
    public static void outerRow(double[] gradient, double factor, double[] u, int uo, double[] x, int xo, int p, int d) {
        for (int a = 0; a < p; a++) {
            double c = factor * u[uo + a];
            if (c == 0) {
                continue;
            }
            int go = a * d;
            for (int k = 0; k < d; k++) {
                gradient[go + k] += c * x[xo + k];
            }
        }
    }
}
