package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stiefel and SPD manifolds: retractions stay on the manifold, projections and gradients obey their definitions. */
class ManifoldTest {
    private final SplittableRandom r = new SplittableRandom(17);

    private Matrix random(int rows, int cols) {
        return Matrix.of(rows, cols, r.doubles((long) rows * cols, -1, 1).toArray());
    }

    @Test
    void stiefelRetractionIsOrthonormalAndFirstOrder() {
        StiefelManifold st = new StiefelManifold(6, 3);
        Matrix u = st.retract(st.first(), random(6, 3));
        assertTrue(u.transpose().times(u).maxAbsDifference(Matrix.identity(3)) < 1e-12, "UᵀU = I");
        Matrix v = st.project(u, random(6, 3));
        Matrix sym = u.transpose().times(v).plus(v.transpose().times(u));
        assertTrue(sym.frobeniusNorm() < 1e-12, "UᵀV + VᵀU = 0 for a projected V");
        assertTrue(st.project(u, v).maxAbsDifference(v) < 1e-12, "projection is idempotent");
        Matrix moved = st.retract(u, v.scale(10));
        assertTrue(moved.transpose().times(moved).maxAbsDifference(Matrix.identity(3)) < 1e-12, "a long step stays on St(6, 3)");
        double h = 1e-6;
        Matrix velocity = st.retract(u, v.scale(h)).minus(u).scale(1 / h);
        assertTrue(velocity.maxAbsDifference(v) < 1e-5 * v.frobeniusNorm(), "d/dt R_U(tV) at 0 = V");
        Matrix t = st.transport(u, moved, v);
        assertTrue(moved.transpose().times(t).plus(t.transpose().times(moved)).frobeniusNorm() < 1e-12, "transport lands in T_{U'}");
        assertThrows(IllegalArgumentException.class, () -> new StiefelManifold(2, 3));
    }

    /**
     * The Riemannian gradient of f(X) = tr(CX) + tr(X⁻¹) under the affine-invariant metric satisfies
     * ⟨grad f, V⟩_X = tr(∇f V), the directional derivative, checked here by central differences.
     */
    @Test
    void spdGradientAndRetraction() {
        SpdManifold spd = new SpdManifold(3);
        Matrix g = random(3, 3);
        Matrix x = g.times(g.transpose()).plusIdentity(0.3);
        Matrix c = random(3, 3).symmetrize();
        Matrix v = spd.project(x, random(3, 3));
        Matrix egrad = c.minus(Psd.inverse(x).times(Psd.inverse(x)));
        double analytic = spd.inner(x, spd.gradient(x, egrad), v);
        double h = 1e-6;
        double fp = c.times(x.plus(v.scale(h))).trace() + Psd.inverse(x.plus(v.scale(h))).trace();
        double fm = c.times(x.minus(v.scale(h))).trace() + Psd.inverse(x.minus(v.scale(h))).trace();
        assertEquals((fp - fm) / (2 * h), analytic, 1e-6 * Math.abs(analytic));
        Matrix far = spd.retract(x, v.scale(-50));
        assertTrue(Cholesky.isPositiveDefinite(far), "a long step stays positive definite");
        assertEquals(spd.inner(x, v, v), Math.pow(spd.norm(x, v), 2), 1e-12 * spd.inner(x, v, v));
        assertThrows(IllegalArgumentException.class, () -> new SpdManifold(0));
    }
}
