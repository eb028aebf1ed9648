package org.metriclab.spectral;

import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * The low-rank GMML cost on Stiefel × SPD (Bhutani, Jawanpuria, Kasai &amp; Mishra 2018): with
 * W = UBUᵀ (U ∈ St(d, r), B ∈ SPD(r)) and W⁺ = UB⁻¹Uᵀ its pseudo-inverse, GMML's
 * tr(WS) + tr(W⁺D) becomes f(U, B) = tr(B UᵀSU) + tr(B⁻¹ UᵀDU). Euclidean gradients:
 * ∂f/∂U = 2SUB + 2DUB⁻¹ and ∂f/∂B = UᵀSU − B⁻¹UᵀDUB⁻¹. f(UO, OᵀBO) = f(U, B) for orthogonal O,
 * so only the subspace of U matters (the Grassmann quotient). For a fixed U the best B is the
 * geometric mean (UᵀSU)⁻¹ # (UᵀDU), and with r = d the minimum is GMML's A = S⁻¹ # D.
 */
record LowRankGmmlObjective(Matrix s, Matrix d) {

    /** A point of the product manifold and the value and Euclidean gradients of f there. */
    record Evaluation(Matrix u, Matrix b, double cost, Matrix gradU, Matrix gradB) {
    }

    Evaluation evaluate(Matrix u, Matrix b) {
        Matrix su = s.times(u);
        Matrix du = d.times(u);
        Matrix bi = Psd.inverse(b);
        Matrix uSu = u.transpose().times(su).symmetrize();
        Matrix uDu = u.transpose().times(du).symmetrize();
        double cost = trace(b, uSu) + trace(bi, uDu);
        Matrix gradU = su.times(b).plus(du.times(bi)).scale(2.0);
        Matrix gradB = uSu.minus(bi.times(uDu).times(bi)).symmetrize();
        return new Evaluation(u, b, cost, gradU, gradB);
    }

    /** The optimal B for a fixed U: (UᵀSU)⁻¹ # (UᵀDU). */
    Matrix bestB(Matrix u) {
        Matrix uSu = u.transpose().times(s).times(u).symmetrize();
        Matrix uDu = u.transpose().times(d).times(u).symmetrize();
        return Psd.geometricMean(Psd.inverse(uSu), uDu, 0.5);
    }

    /** tr(XY) for symmetric X and Y. */
    private static double trace(Matrix x, Matrix y) {
        double[] a = x.toArray();
        double[] c = y.toArray();
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * c[i];
        }
        return t;
    }
}
