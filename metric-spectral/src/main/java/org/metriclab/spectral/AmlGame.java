package org.metriclab.spectral;

import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * The two stages of adversarial metric learning (Chen et al., IJCAI 2018) with GMML's pair loss
 * L(M, X) = Σ_S ‖x − x'‖²_M + Σ_D ‖x − x'‖²_{M⁻¹} (Zadeh et al. 2016).
 *
 * <p>Confusion: for the current M, each training pair (x, x') gets the adversarial pair (π, π')
 * maximising ℓ(M; π, π') − β(‖π − x‖²_M + ‖π' − x'‖²_M), the pair loss minus the proximity penalty.
 * Setting the gradient to zero keeps the midpoint, π + π' = x + x', and scales the difference
 * δ = x − x' to v: v = β/(β − 2) δ for a similar pair (a maximum iff β &gt; 2) and
 * v = (βM − 2M⁻¹)⁻¹ βM δ, i.e. factor βλ²/(βλ² − 2) along M's eigenvector of eigenvalue λ, for a
 * dissimilar pair (a maximum iff βλ_min² &gt; 2).
 *
 * <p>Distinguishment: minimise L(M, X) + α L(M, Π) over SPD M; with A = S + αS̃ and B = D + αD̃ (the
 * scatters of the original and adversarial differences) the objective is tr(MA) + tr(M⁻¹B), whose
 * minimiser is the geometric mean M = A⁻¹ #_{1/2} B (Riccati equation M A M = B).
 */
record AmlGame(double alpha, double beta) {
    /** The factor applied to a similar pair's difference. */
    static double similarFactor(double beta) {
        return beta / (beta - 2);
    }

    /** P = (βM − 2M⁻¹)⁻¹ βM, the map from a dissimilar pair's difference to its adversarial difference. */
    static Matrix dissimilarMap(Matrix m, double beta) {
        return Psd.apply(m, l -> beta * l * l / (beta * l * l - 2));
    }

    /** The adversarial pair (π, π') of (x, x') under M (closed form of the confusion stage). */
    static double[][] adversarialPair(Matrix m, double beta, double[] x, double[] x2, boolean similar) {
        int d = x.length;
        double[] delta = new double[d];
        for (int t = 0; t < d; t++) {
            delta[t] = x[t] - x2[t];
        }
        double[] v;
        if (similar) {
            double c = similarFactor(beta);
            v = new double[d];
            for (int t = 0; t < d; t++) {
                v[t] = c * delta[t];
            }
        } else {
            v = dissimilarMap(m, beta).times(delta);
        }
        double[] p = new double[d];
        double[] p2 = new double[d];
        for (int t = 0; t < d; t++) {
            double mid = x[t] + x2[t];
            p[t] = 0.5 * (mid + v[t]);
            p2[t] = 0.5 * (mid - v[t]);
        }
        return new double[][] {p, p2};
    }

    /** ℓ(M; a, b): ‖a − b‖²_M for a similar pair, ‖a − b‖²_{M⁻¹} for a dissimilar one. */
    static double pairLoss(Matrix m, Matrix mInv, double[] a, double[] b, boolean similar) {
        return quadratic(similar ? m : mInv, a, b);
    }

    /** The confusion objective of one pair: ℓ(M; π, π') − β(‖π − x‖²_M + ‖π' − x'‖²_M). */
    static double confusionObjective(Matrix m, Matrix mInv, double beta, double[] x, double[] x2, double[] p, double[] p2,
            boolean similar) {
        return pairLoss(m, mInv, p, p2, similar) - beta * (quadratic(m, p, x) + quadratic(m, p2, x2));
    }

    /** The gradient of {@link #confusionObjective} with respect to (π, π'), as {∂/∂π, ∂/∂π'}. */
    static double[][] confusionGradient(Matrix m, Matrix mInv, double beta, double[] x, double[] x2, double[] p, double[] p2,
            boolean similar) {
        int d = x.length;
        double[] diff = new double[d];
        double[] dp = new double[d];
        double[] dp2 = new double[d];
        for (int t = 0; t < d; t++) {
            diff[t] = p[t] - p2[t];
            dp[t] = p[t] - x[t];
            dp2[t] = p2[t] - x2[t];
        }
        double[] g = (similar ? m : mInv).times(diff);
        double[] a = m.times(dp);
        double[] b = m.times(dp2);
        double[] gp = new double[d];
        double[] gp2 = new double[d];
        for (int t = 0; t < d; t++) {
            gp[t] = 2 * g[t] - 2 * beta * a[t];
            gp2[t] = -2 * g[t] - 2 * beta * b[t];
        }
        return new double[][] {gp, gp2};
    }

    /** The distinguishment objective tr(MA) + tr(M⁻¹B). */
    static double distinguishmentObjective(Matrix m, Matrix a, Matrix b) {
        return traceOfProduct(m, a) + traceOfProduct(Psd.inverse(m), b);
    }

    /** Its gradient A − M⁻¹ B M⁻¹ (symmetric for symmetric M, A, B). */
    static Matrix distinguishmentGradient(Matrix m, Matrix a, Matrix b) {
        Matrix inv = Psd.inverse(m);
        return a.minus(inv.times(b).times(inv));
    }

    /** The distinguishment minimiser A⁻¹ #_{1/2} B, A⁻¹ the pseudo-inverse under core's eigenvalue policy. */
    static Matrix distinguish(Matrix a, Matrix b) {
        return Psd.geometricMean(EigenTruncation.DEFAULT.pseudoInverse(a), b, 0.5);
    }

    /**
     * The scatters A = S + αS̃ and B = D + αD̃, with S and D the regularised scatters of the original
     * pairs and {@code sRaw}, {@code dRaw} their unregularised scatters Σ δδᵀ: the adversarial
     * differences are cδ (similar) and Pδ (dissimilar), so S̃ = c²·sRaw and D̃ = P·dRaw·P.
     */
    Matrix[] distinguishmentScatters(Matrix m, double effectiveBeta, Matrix s, Matrix d, Matrix sRaw, Matrix dRaw) {
        double c = similarFactor(effectiveBeta);
        Matrix sAdv = sRaw.scale(c * c);
        Matrix p = dissimilarMap(m, effectiveBeta);
        Matrix dAdv = p.times(dRaw).times(p).symmetrize();
        return new Matrix[] {s.plus(sAdv.scale(alpha)), d.plus(dAdv.scale(alpha))};
    }

    /**
     * The game value L(M, X) + α(L(M, Π) − β Dist_M(X, Π)) at the adversarial pairs of M, with
     * Dist_M(X, Π) = Σ ‖x − π‖²_M + ‖x' − π'‖²_M = ½ Σ (v − δ)ᵀM(v − δ).
     */
    double value(Matrix m, double effectiveBeta, Matrix s, Matrix d, Matrix sRaw, Matrix dRaw) {
        Matrix[] ab = distinguishmentScatters(m, effectiveBeta, s, d, sRaw, dRaw);
        double c = similarFactor(effectiveBeta);
        Matrix p = dissimilarMap(m, effectiveBeta);
        Matrix shiftD = p.minus(Matrix.identity(m.rows()));
        Matrix dist = sRaw.scale((c - 1) * (c - 1)).plus(shiftD.times(dRaw).times(shiftD));
        return distinguishmentObjective(m, ab[0], ab[1]) - alpha * effectiveBeta * 0.5 * traceOfProduct(m, dist);
    }

    private static double quadratic(Matrix m, double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int t = 0; t < a.length; t++) {
            diff[t] = a[t] - b[t];
        }
        double[] md = m.times(diff);
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += diff[t] * md[t];
        }
        return s;
    }

    private static double traceOfProduct(Matrix a, Matrix b) {
        double s = 0;
        int n = a.rows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += a.get(i, j) * b.get(j, i);
            }
        }
        return s;
    }
}
