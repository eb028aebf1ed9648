package org.metriclab.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metriclab.core.data.ColumnGroup;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Views;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/**
 * FISH-MML, Fisher-HSIC multi-view metric learning (Zhang, Liu, Liu, Hu, Liu &amp; Zhu, IJCAI 2018): one
 * orthonormal projection P_v (d_v × k) per view v of the dataset's {@link Views}, maximising
 *
 * <pre>
 *   J = Σ_v tr(P_vᵀ (S_B^v − μ·S_W^v) P_v) + λ · Σ_v Σ_{w≠v} HSIC(X_v P_v, X_w P_w),   P_vᵀ P_v = I,
 * </pre>
 *
 * with the class scatters of view v averaged over the n rows (S_B = Σ_c n_c/n (m_c − m)(m_c − m)ᵀ, S_W = Σ_c
 * Σ_{i∈c} (x_i − m_c)(x_i − m_c)ᵀ / n) and the empirical HSIC with linear kernels, HSIC(Z_v, Z_w) = tr(K_v H K_w H)
 * / (n − 1)², K_v = Z_v Z_vᵀ, H the centring matrix. The Fisher term keeps each view's classes apart; the HSIC
 * term makes the views' projected geometries agree. Since tr(K_v H K_w H)/(n − 1)² = ‖P_vᵀ C_vw P_w‖²_F with
 * the cross-covariance C_vw = X̃_vᵀ X̃_w / (n − 1), no n × n kernel is formed.
 *
 * <p>Solved by alternating maximisation: with the other projections fixed, J depends on P_v through
 * tr(P_vᵀ M_v P_v), M_v = S_B^v − μ S_W^v + 2λ Σ_{w≠v} C_vw P_w P_wᵀ C_wv (each unordered pair of views appears
 * twice in the sum), whose maximiser over orthonormal P_v is the top-k eigenvectors of M_v (Ky Fan). Each
 * step maximises J in one block exactly, so J never decreases. Start: λ = 0, the per-view Fisher solution.
 * Stops when a sweep changes J by at most tol·max(1, |J|), or after max_iter sweeps (warned).
 *
 * <p>The embedding concatenates the views' projections (k rows per view) or, with {@code combine: sum},
 * adds them (k rows). Without declared views the whole feature vector is one view and J is the
 * scatter difference alone. Defaults: dims 0 (= classes − 1, at most each view's width), hsic 1.0, within 1.0,
 * combine concat, max_iter 50, tol 1e-8.
 */
public record FishMmlLearner(int dims, double hsic, double within, Combine combine, int maxIter, double tol)
        implements MetricLearner<MahalanobisMetric> {
    /** How the per-view projections form the embedding. */
    public enum Combine { CONCAT, SUM }

    static final String WHO = "fish_mml";

    public FishMmlLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(hsic >= 0) || Double.isInfinite(hsic)) {
            throw new IllegalArgumentException(WHO + ": hsic (the HSIC weight λ) must be a finite number >= 0, got " + hsic);
        }
        if (!(within >= 0) || Double.isInfinite(within)) {
            throw new IllegalArgumentException(WHO + ": within (the within-class scatter weight μ) must be a finite number >= 0, got "
                    + within);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException(WHO + ": tol must be a finite number > 0, got " + tol);
        }
        if (combine == null) {
            throw new IllegalArgumentException(WHO + ": combine must be one of concat, sum");
        }
    }

    public static FishMmlLearner from(Params p) {
        return new FishMmlLearner(p.getInt("dims", 0), p.getDouble("hsic", 1.0), p.getDouble("within", 1.0),
                p.getEnum("combine", Combine.CONCAT), p.getInt("max_iter", 50), p.getDouble("tol", 1e-8));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        if (train.size() < 2) {
            throw new IllegalArgumentException(WHO + " needs at least 2 rows, got " + train.size());
        }
        Scatter.requireResources(WHO, train.size(), train.dim(), 4, 0);
        Problem problem = problem(train, within);
        int[] k = components(problem, train.labels().classCount(), ctx);
        List<Matrix> p = new ArrayList<>();
        for (int v = 0; v < problem.views(); v++) {
            p.add(Eigen.symmetric(problem.fisher().get(v)).top(k[v]).vectors());
        }
        double objective = problem.objective(p, hsic);
        ctx.progress().iteration(0, objective);
        boolean converged = problem.views() == 1 || hsic == 0;
        int it = 0;
        while (!converged && it < maxIter) {
            it++;
            for (int v = 0; v < problem.views(); v++) {
                p.set(v, Eigen.symmetric(problem.blockMatrix(v, p, hsic)).top(k[v]).vectors());
            }
            double next = problem.objective(p, hsic);
            ctx.progress().iteration(it, next);
            converged = Math.abs(next - objective) <= tol * Math.max(1.0, Math.abs(next));
            objective = next;
        }
        if (!converged) {
            ctx.progress().warn(WHO + ": stopped at max_iter=" + maxIter + " sweeps before J settled (objective " + objective + ")");
        }
        ctx.progress().finished(it, objective, converged);
        return new MahalanobisMetric(embedding(problem.layout(), p, train.dim()));
    }

    /** The views' data terms: S_B − μ S_W per view and the cross-covariances between views. */
    static Problem problem(Dataset train, double within) {
        Views layout = train.views().orWhole(train.dim());
        int n = train.size();
        List<Matrix> fisher = new ArrayList<>();
        List<Matrix> centred = new ArrayList<>();
        for (ColumnGroup g : layout.groups()) {
            Dataset view = new Dataset(train.name(), train.x().columns(g.columns()), train.labels());
            fisher.add(Scatter.between(view).minus(Scatter.within(view).scale(within)).scale(1.0 / n).symmetrize());
            centred.add(Centring.centred(view.x()));
        }
        int m = layout.count();
        Matrix[][] cross = new Matrix[m][m];
        for (int v = 0; v < m; v++) {
            for (int w = v + 1; w < m; w++) {
                cross[v][w] = centred.get(v).transpose().times(centred.get(w)).scale(1.0 / (n - 1));
                cross[w][v] = cross[v][w].transpose();
            }
        }
        return new Problem(layout, fisher, cross);
    }

    /** k per view: dims (or classes − 1), at most the view's width; all equal (the smallest) when summing. */
    private int[] components(Problem problem, int classes, FitContext ctx) {
        int want = dims > 0 ? dims : classes - 1;
        int[] k = new int[problem.views()];
        int smallest = Integer.MAX_VALUE;
        for (int v = 0; v < k.length; v++) {
            int width = problem.layout().get(v).size();
            k[v] = Math.min(want, width);
            if (dims > 0 && k[v] < dims) {
                ctx.progress().warn(WHO + ": view '" + problem.layout().get(v).name() + "' has " + width + " columns; dims " + dims
                        + " lowered to " + width);
            }
            smallest = Math.min(smallest, k[v]);
        }
        if (combine == Combine.SUM) {
            Arrays.fill(k, smallest);
        }
        return k;
    }

    /** L: per view, P_vᵀ in the view's columns; stacked (concat) or sharing the same rows (sum). */
    private Matrix embedding(Views layout, List<Matrix> p, int d) {
        int rows = 0;
        for (Matrix pv : p) {
            rows = combine == Combine.SUM ? pv.cols() : rows + pv.cols();
        }
        double[] l = new double[rows * d];
        int offset = 0;
        for (int v = 0; v < p.size(); v++) {
            Matrix pv = p.get(v);
            int[] cols = layout.get(v).columns();
            for (int r = 0; r < pv.cols(); r++) {
                for (int j = 0; j < cols.length; j++) {
                    l[(offset + r) * d + cols[j]] += pv.get(j, r);
                }
            }
            offset += combine == Combine.SUM ? 0 : pv.cols();
        }
        return Matrix.of(rows, d, l);
    }

    /**
     * The fixed data of one fit.
     *
     * @param layout the views (a single one of all columns when none are declared)
     * @param fisher S_B^v − μ S_W^v per view
     * @param cross  cross-covariances C_vw (null on the diagonal)
     */
    record Problem(Views layout, List<Matrix> fisher, Matrix[][] cross) {
        int views() {
            return fisher.size();
        }

        /** M_v = S_B^v − μ S_W^v + 2λ Σ_{w≠v} C_vw P_w P_wᵀ C_wv. */
        Matrix blockMatrix(int v, List<Matrix> p, double lambda) {
            Matrix m = fisher.get(v);
            for (int w = 0; w < views(); w++) {
                if (w != v && lambda > 0) {
                    Matrix cp = cross[v][w].times(p.get(w));
                    m = m.plus(cp.times(cp.transpose()).scale(2 * lambda));
                }
            }
            return m.symmetrize();
        }

        /** J for the projections p. */
        double objective(List<Matrix> p, double lambda) {
            double j = 0;
            for (int v = 0; v < views(); v++) {
                Matrix pv = p.get(v);
                j += pv.transpose().times(fisher.get(v)).times(pv).trace();
                for (int w = 0; w < views(); w++) {
                    if (w != v && lambda > 0) {
                        j += lambda * hsic(v, w, p);
                    }
                }
            }
            return j;
        }

        /** HSIC(X_v P_v, X_w P_w) with linear kernels = ‖P_vᵀ C_vw P_w‖²_F. */
        double hsic(int v, int w, List<Matrix> p) {
            double f = p.get(v).transpose().times(cross[v][w]).times(p.get(w)).frobeniusNorm();
            return f * f;
        }
    }
}
