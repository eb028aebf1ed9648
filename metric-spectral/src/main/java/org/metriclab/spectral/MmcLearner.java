package org.metriclab.spectral;

import java.util.Arrays;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Inverse;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * MMC, Mahalanobis Metric for Clustering (Xing, Ng, Jordan &amp; Russell, NIPS 2002), following
 * metric-learn 0.7's solver. Full: maximise g(A) = log Σ_D ‖x_i − x_j‖_A (unsquared) subject to
 * f(A) = tr(AΣ_S) ≤ t = tr(Σ_S)/100 and A ⪰ 0, by gradient ascent along ∇g projected orthogonal to
 * ∇f = Σ_S, each step followed by alternating projections onto the half-space and the PSD cone
 * (eigenvalue clipping) until (f(A) − t)/t &lt; 0.01 (at most max_proj rounds) — that is projection =
 * alternating; the default projection = whitened runs the same ascent in whitened coordinates where the
 * exact projection costs one eigendecomposition ({@link MmcWhitened}); the step grows ×1.05 on success and halves
 * otherwise; stop when ‖αM‖_F/‖A‖_F &lt; tol. Diagonal: Newton–Raphson with a halving line search on
 * Σ_S ‖·‖²_w − c·log Σ_D ‖·‖_w over w ≥ 0. Starts from A = I. Defaults (metric-learn MMC_Supervised):
 * max_iter 100, max_proj 10000, tol 1e-6, diagonal false, diagonal_c 1; projection whitened.
 *
 * <p>{@code ridge} r replaces Σ_S in the budget f(A) = tr(AΣ_S) ≤ t (full variant) by Σ_S + r·diag(Σ_S)
 * with projection whitened (each feature relative to its own similar-pair spread, so unit-free; a
 * feature without similar-pair spread gets r·tr(Σ_S)/d) and by
 * Σ_S + r·tr(Σ_S)/d·I with projection alternating.
 * When Σ_S is singular — e.g. a standardised digits pixel that is constant over every sampled similar
 * pair but not over the dissimilar ones — MMC's problem is unbounded: A can grow without cost along the
 * null space of Σ_S, and the whitened ascent, which reaches the optimum quickly, followed it (digits seed
 * 2: largest eigenvalue of M 5·10⁷, 1-NN 0.19). The ridge bounds it. metric-learn's
 * alternating solver has no ridge and is only held back by its step-size schedule. Default: 3e-3 with
 * projection whitened, 0 (metric-learn's problem) with projection alternating. On metric-learn's own
 * constraint draws (random_state 0) 1e-3 still lets the whitened optimum lean on near-null directions
 * of Σ_S (breast_cancer 5-NN 0.924 against metric-learn's 0.947); 3e-3 gives 0.942/0.942 there, keeps
 * iris, wine and digits within 0.02 of metric-learn's solver, and 5e-3 already costs wine 5-NN 0.02.
 */
public record MmcLearner(int maxIter, int maxProj, double tol, boolean diagonal, double diagonalC, Projection projection,
        double ridge) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    /** How the full variant returns to the feasible set after a gradient step. */
    public enum Projection {
        /** metric-learn's alternating half-space / PSD-cone projections (tolerates 1% excess of f over t). */
        ALTERNATING,
        /**
         * Ascent in whitened coordinates B = Σ_S^{1/2} A Σ_S^{1/2}, where f(A) = tr(B) and the feasible set is
         * {B ⪰ 0, tr B ≤ t}: its exact projection is one eigendecomposition plus a shift of the eigenvalues
         * (simplex-style). Same convex problem, preconditioned path ({@link MmcWhitened}).
         */
        WHITENED
    }

    private static final String WHO = "mmc";
    private static final double PROJECTION_EPS = 0.01;
    /** Default relative ridge on Σ_S for the whitened projection. */
    static final double DEFAULT_WHITENED_RIDGE = 3e-3;

    /** Without a ridge on Σ_S. */
    public MmcLearner(int maxIter, int maxProj, double tol, boolean diagonal, double diagonalC, Projection projection) {
        this(maxIter, maxProj, tol, diagonal, diagonalC, projection, 0.0);
    }

    public MmcLearner {
        if (maxIter < 1 || maxProj < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter and max_proj must be >= 1, got " + maxIter + ", " + maxProj);
        }
        if (projection == null) {
            throw new IllegalArgumentException(WHO + ": projection must be alternating or whitened");
        }
        if (!(tol > 0) || !(diagonalC > 0) || Double.isInfinite(diagonalC)) {
            throw new IllegalArgumentException(WHO + ": tol and diagonal_c must be > 0, got " + tol + ", " + diagonalC);
        }
        Scatter.requireRidge(ridge, WHO);
    }

    /** From parameters; the ridge default depends on the projection (see the type's Javadoc). */
    public static MmcLearner from(Params p) {
        Projection projection = p.getEnum("projection", Projection.WHITENED);
        return new MmcLearner(p.getInt("max_iter", 100), p.getInt("max_proj", 10000), p.getDouble("tol", 1e-6),
                p.getBoolean("diagonal", false), p.getDouble("diagonal_c", 1.0), projection,
                p.getDouble("ridge", projection == Projection.WHITENED ? DEFAULT_WHITENED_RIDGE : 0.0));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        Matrix pos = Scatter.rowPairs(pairs, true).differences(x);
        Matrix neg = Scatter.rowPairs(pairs, false).differences(x);
        if (!(pos.gram().trace() > 0) || !(neg.gram().trace() > 0)) {
            throw new IllegalArgumentException(WHO + ": all similar or all dissimilar pairs join identical points; "
                    + "the constraints carry no information");
        }
        if (diagonal) {
            return fitDiagonal(pos, neg, ctx);
        }
        Matrix w = pos.gram();
        if (projection == Projection.WHITENED && x.rows() <= x.cols() && similarScatterIsSingular(w)) {
            ctx.progress().warn(WHO + ": " + x.rows() + " rows for " + x.cols() + " features leave the similar-pair scatter "
                    + "rank-deficient, and the whitened problem would stretch the metric along its null space; "
                    + "using the alternating projection instead");
            return fitFull(w, neg, ctx);
        }
        if (ridge > 0) {
            w = projection == Projection.WHITENED ? withDiagonalRidge(w, ridge) : w.plusIdentity(ridge * w.trace() / w.rows());
        }
        return projection == Projection.WHITENED ? MmcWhitened.fit(w, neg, maxIter, tol, ctx) : fitFull(w, neg, ctx);
    }

    /**
     * Whether Σ_S is rank-deficient under the core eigenvalue policy. The whitened path maximises f over
     * {tr(Σ_S A) ≤ t}, which only the ridge bounds along Σ_S's null space. With at least as many features as
     * rows (checked by the caller) that null space is an artefact of the sample, not a direction the data
     * single out, and the ridge-bounded optimum overfits it; such data use metric-learn's alternating
     * projections, which start from and stay near the identity. With more rows than features, a null
     * direction of Σ_S that the dissimilar pairs span is a real signal and the whitened path keeps it.
     */
    static boolean similarScatterIsSingular(Matrix w) {
        return EigenTruncation.DEFAULT.rank(Eigen.symmetric(w).values()) < w.rows();
    }

    /**
     * w + r·diag(w): a ridge on each feature relative to its own similar-pair spread, so it is unit-free;
     * a feature without any similar-pair spread (w_jj = 0), which has no unit of its own, gets r·tr(w)/d.
     */
    static Matrix withDiagonalRidge(Matrix w, double r) {
        double[] diag = w.diagonal();
        double mean = w.trace() / w.rows();
        for (int j = 0; j < diag.length; j++) {
            diag[j] = r * (diag[j] > 0 ? diag[j] : mean);
        }
        return w.plus(Matrix.diagonal(diag));
    }

    /** Per-pair unsquared distances √(dᵀAd) of the rows of diff. */
    static double[] distances(Matrix diff, Matrix a) {
        Matrix da = diff.times(a);
        double[] out = new double[diff.rows()];
        double[] dd = diff.toArray();
        double[] daa = da.toArray();
        int d = diff.cols();
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += dd[i * d + j] * daa[i * d + j];
            }
            out[i] = Math.sqrt(Math.max(s, 0.0));
        }
        return out;
    }

    static double logDissimilar(Matrix neg, Matrix a) {
        double s = 0;
        for (double v : distances(neg, a)) {
            s += v;
        }
        return Math.log(s + 1e-6);
    }

    /** ∇ log Σ_D ‖d‖_A = Σ_D d dᵀ / (2(‖d‖_A + 1e-6)) / (Σ_D ‖d‖_A + 1e-6). */
    static Matrix gradDissimilar(Matrix neg, Matrix a) {
        double[] dist = distances(neg, a);
        double sum = 0;
        for (double v : dist) {
            sum += v;
        }
        int d = neg.cols();
        double[] scaled = neg.toArray();
        for (int i = 0; i < dist.length; i++) {
            double w = Math.sqrt(0.5 / (dist[i] + 1e-6) / (sum + 1e-6));
            for (int j = 0; j < d; j++) {
                scaled[i * d + j] *= w;
            }
        }
        return Matrix.of(dist.length, d, scaled).gram();
    }

    static double dot(Matrix a, Matrix b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** The ascent direction: ∇g minus its component along ∇f, normalised. */
    private static Matrix direction(Matrix gradG, Matrix unitF) {
        Matrix g = gradG.scale(1.0 / gradG.frobeniusNorm());
        Matrix m = g.minus(unitF.scale(dot(g, unitF)));
        double n = m.frobeniusNorm();
        return n > 0 ? m.scale(1.0 / n) : m;
    }

    private MahalanobisMetric fitFull(Matrix w, Matrix neg, FitContext ctx) {
        int dim = w.rows();
        double wNorm = w.frobeniusNorm();
        Matrix unitW = w.scale(1.0 / wNorm);
        Matrix a = Matrix.identity(dim);
        double t = dot(w, a) / 100.0;
        double alpha = 0.1;
        Matrix aOld = a;
        Matrix m = direction(gradDissimilar(neg, a), unitW);
        double delta = Double.POSITIVE_INFINITY;
        int cycle = 0;
        double objOld = logDissimilar(neg, aOld);
        for (; cycle < maxIter; cycle++) {
            boolean satisfied = false;
            for (int it = 0; it < maxProj; it++) {
                double f = dot(w, a);
                if (f > t) {
                    a = a.minus(unitW.scale((f - t) / wNorm));
                }
                a = Psd.project(a);
                if ((dot(w, a) - t) / t < PROJECTION_EPS) {
                    satisfied = true;
                    break;
                }
            }
            double obj = logDissimilar(neg, a);
            if (satisfied && (obj > objOld || cycle == 0)) {
                alpha *= 1.05;
                aOld = a;
                objOld = obj;
                m = direction(gradDissimilar(neg, a), unitW);
                a = a.plus(m.scale(alpha));
            } else {
                alpha /= 2;
                a = aOld.plus(m.scale(alpha));
            }
            ctx.progress().iteration(cycle, objOld);
            delta = alpha * m.frobeniusNorm() / aOld.frobeniusNorm();
            if (delta < tol) {
                break;
            }
        }
        ctx.progress().finished(cycle, objOld, delta < tol);
        if (delta >= tol) {
            ctx.progress().warn(WHO + ": did not converge in " + maxIter + " iterations (relative step " + delta + ")");
        }
        return MahalanobisMetric.fromPsd(aOld);
    }

    private double diagonalObjective(double[] sSum, Matrix negSq, double[] w) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += sSum[j] * w[j];
        }
        double[] lin = negSq.times(w);
        double sum = 0;
        double raw = 0;
        for (double v : lin) {
            sum += Math.sqrt(Math.max(v, 0.0) + 1e-6);
            raw += Math.sqrt(Math.max(v, 0.0));
        }
        // w that collapses every dissimilar pair is never accepted (the Newton system would be singular there)
        return raw > 0 ? s - diagonalC * Math.log(sum) : Double.POSITIVE_INFINITY;
    }

    private MahalanobisMetric fitDiagonal(Matrix pos, Matrix neg, FitContext ctx) {
        int dim = pos.cols();
        double[] sSum = pos.gram().diagonal();
        double[] sq = neg.toArray();
        for (int i = 0; i < sq.length; i++) {
            sq[i] *= sq[i];
        }
        Matrix negSq = Matrix.of(neg.rows(), dim, sq);
        double[] w = new double[dim];
        Arrays.fill(w, 1.0);
        double error = 1.0;
        int it = 0;
        while (error > tol && it < maxIter) {
            double[] dist = negSq.times(w);
            double sum = 0;
            double[] first = new double[dim];
            double[] scaled = new double[sq.length];
            double[] firstTerm = new double[dist.length];
            for (int i = 0; i < dist.length; i++) {
                dist[i] = Math.sqrt(Math.max(dist[i], 0.0));
                sum += dist[i];
                firstTerm[i] = 0.5 / Math.max(dist[i], 1e-6);
                double h = Math.sqrt(1.0 / (4 * Math.max(1e-6, dist[i] * dist[i] * dist[i])));
                for (int j = 0; j < dim; j++) {
                    first[j] += sq[i * dim + j] * firstTerm[i];
                    scaled[i * dim + j] = sq[i * dim + j] * h;
                }
            }
            double[] h2 = Matrix.of(dist.length, dim, scaled).gram().toArray();
            double[] grad = new double[dim];
            double[] hess = new double[dim * dim];
            for (int j = 0; j < dim; j++) {
                grad[j] = sSum[j] - diagonalC * first[j] / sum;
                for (int k = 0; k < dim; k++) {
                    double second = -h2[j * dim + k] / sum - first[j] * first[k] / (sum * sum);
                    hess[j * dim + k] = -diagonalC * second + (j == k ? 1e-6 : 0.0);
                }
            }
            double[] step = Inverse.solve(Matrix.of(dim, dim, hess), Matrix.of(dim, 1, grad)).column(0);
            double objInitial = diagonalObjective(sSum, negSq, w);
            double lambda = 1;
            double[] wTmp = clippedStep(w, step, lambda);
            double obj = diagonalObjective(sSum, negSq, wTmp);
            double objPrevious = obj + 1;
            double[] wPrevious = wTmp;
            while (obj < objPrevious && lambda > 1e-30) {
                objPrevious = obj;
                wPrevious = wTmp;
                lambda /= 2;
                wTmp = clippedStep(w, step, lambda);
                obj = diagonalObjective(sSum, negSq, wTmp);
            }
            if (objPrevious < objInitial) {
                w = wPrevious;
            }
            error = Math.abs((objPrevious - objInitial) / objPrevious);
            ctx.progress().iteration(it, Math.min(objPrevious, objInitial));
            it++;
        }
        ctx.progress().finished(it, diagonalObjective(sSum, negSq, w), error <= tol);
        double[] l = new double[dim];
        for (int j = 0; j < dim; j++) {
            l[j] = Math.sqrt(w[j]);
        }
        return new MahalanobisMetric(Matrix.diagonal(l));
    }

    private static double[] clippedStep(double[] w, double[] step, double lambda) {
        double[] out = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            out[j] = Math.max(0, w[j] - lambda * step[j]);
        }
        return out;
    }
}
