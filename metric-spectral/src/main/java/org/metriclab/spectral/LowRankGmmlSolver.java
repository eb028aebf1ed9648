package org.metriclab.spectral;

import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.SpdManifold;
import org.metriclab.core.linalg.StiefelManifold;

/**
 * Riemannian conjugate gradient for {@link LowRankGmmlObjective} on St(d, r) × SPD(r), the product
 * metric being the sum of the Stiefel (embedded) and SPD (affine-invariant) metrics. Directions are
 * η = −grad f + β·T(η_prev) with the Polak–Ribière+ coefficient β = max(0, ⟨g, g − T(g_prev)⟩ / ‖g_prev‖²)
 * and the manifolds' vector transports T; a direction that is not a descent direction is replaced by
 * −grad f. Steps come from Armijo backtracking along the retraction (sufficient decrease 1e-4, halving),
 * so the cost never increases. The first trial step has Riemannian length 1, later ones twice the
 * last accepted length. It stops when the Riemannian gradient norm falls to {@code tol} times the
 * cost (both metrics are unit-free, so the gradient norm is in the cost's units; a start at the
 * optimum is recognised at once) (converged), or unconverged when no step decreases the cost any more (the rounding
 * floor) or after {@code maxIter} iterations.
 */
record LowRankGmmlSolver(int maxIter, double tol) {

    /** The final point, the iterations used and whether the gradient test was met. */
    record Result(LowRankGmmlObjective.Evaluation at, int iterations, boolean converged, double relativeGradient) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;

    Result minimise(LowRankGmmlObjective f, Matrix u0, Matrix b0, Progress progress) {
        StiefelManifold st = new StiefelManifold(u0.rows(), u0.cols());
        SpdManifold spd = new SpdManifold(b0.rows());
        LowRankGmmlObjective.Evaluation e = f.evaluate(u0, b0);
        Matrix gu = st.gradient(e.u(), e.gradU());
        Matrix gb = spd.gradient(e.b(), e.gradB());
        double gg = st.inner(e.u(), gu, gu) + spd.inner(e.b(), gb, gb);
        Matrix etaU = gu.scale(-1);
        Matrix etaB = gb.scale(-1);
        double length = 1.0;
        int it = 0;
        while (true) {
            double relative = Math.sqrt(gg) / Math.max(Math.abs(e.cost()), Double.MIN_NORMAL);
            if (relative <= tol) {
                return new Result(e, it, true, relative);
            }
            if (it >= maxIter) {
                return new Result(e, it, false, relative);
            }
            it++;
            double slope = st.inner(e.u(), gu, etaU) + spd.inner(e.b(), gb, etaB);
            if (!(slope < 0)) {
                etaU = gu.scale(-1);
                etaB = gb.scale(-1);
                slope = -gg;
            }
            double etaNorm = Math.sqrt(st.inner(e.u(), etaU, etaU) + spd.inner(e.b(), etaB, etaB));
            double alpha = length / etaNorm;
            LowRankGmmlObjective.Evaluation next = null;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                LowRankGmmlObjective.Evaluation trial = f.evaluate(st.retract(e.u(), etaU.scale(alpha)),
                        spd.retract(e.b(), etaB.scale(alpha)));
                if (trial.cost() <= e.cost() + ARMIJO * alpha * slope) {
                    next = trial;
                    break;
                }
                alpha *= 0.5;
            }
            if (next == null) {
                progress.iteration(it, e.cost());
                return new Result(e, it, false, relative);
            }
            length = Math.min(2 * alpha * etaNorm, 1e6);
            Matrix nu = st.gradient(next.u(), next.gradU());
            Matrix nb = spd.gradient(next.b(), next.gradB());
            double ngg = st.inner(next.u(), nu, nu) + spd.inner(next.b(), nb, nb);
            Matrix tgu = st.transport(e.u(), next.u(), gu);
            Matrix tgb = spd.transport(e.b(), next.b(), gb);
            double pr = ngg - st.inner(next.u(), nu, tgu) - spd.inner(next.b(), nb, tgb);
            double beta = Math.max(0.0, pr / gg);
            etaU = nu.scale(-1).plus(st.transport(e.u(), next.u(), etaU).scale(beta));
            etaB = nb.scale(-1).plus(spd.transport(e.b(), next.b(), etaB).scale(beta));
            e = next;
            gu = nu;
            gb = nb;
            gg = ngg;
            progress.iteration(it, e.cost());
        }
    }
}
