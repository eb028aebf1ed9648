package org.metriclab.spectral;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.constraint.Constraints;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;

/**
 * Kernel spectral metric learning by the representer theorem (Ghojogh et al. 2022, kernel section):
 * the projection U = Φ(X)T lies in the span of the mapped training rows, so the linear method can be
 * run on coordinates of that span. With the centred kernel matrix K̃ = VΛVᵀ (its r leading eigenpairs
 * above the core eigenvalue tolerance, r ≤ {@code components}), the rows of Y = VΛ^{1/2} have inner
 * products K̃: they are the mapped rows, centred, in an orthonormal basis of their span. The linear
 * learner fitted on Y returns L (p × r); T = VΛ^{-1/2}Lᵀ is the same projection written on kernel
 * vectors, Tᵀk̃(x) = LΛ^{-1/2}Vᵀk̃(x), with TᵀK̃T = LLᵀ (the identity when L has orthonormal rows, the
 * survey's constraint TᵀKT = I). New rows embed by kernel evaluations ({@link KernelMetric}).
 *
 * <p>Nyström approximation: with more than {@code landmarks} training rows, K̃ is the kernel of
 * {@code landmarks} rows drawn without replacement (stream "landmarks") and every training row is
 * mapped by the out-of-sample rule Λ^{-1/2}Vᵀk̃(x), which reproduces Y exactly when all rows are
 * landmarks. Costs O(m³ + n·m·d) time and O(m² + n·r) memory for m landmarks.
 *
 * <p>The regularised spectral learner builds its LLE or Laplacian graph on the kernel coordinates.
 * RCA whitens by the within-chunklet covariance, so kernel RCA keeps at most Σ_j (|chunklet j| − 1)
 * components (with a warning when that cuts {@code components}).
 *
 * <p>Defaults: kernel rbf (or polynomial, linear), gamma 0 = 1/median squared distance between the
 * landmarks (polynomial: 1/d), degree 3, coef0 1, components 50, landmarks 1000.
 */
public record KernelSpectralLearner(KernelizedMethod method, Supervised<?, MahalanobisMetric> linear, Kernel.Type kernel,
        double gamma, int degree, double coef0, int components, int landmarks) implements MetricLearner<KernelMetric> {

    public KernelSpectralLearner {
        if (method == null || linear == null) {
            throw new IllegalArgumentException("kernel spectral learner: the method and its linear learner are required");
        }
        String who = method.key();
        Kernel.requireSettings(who, kernel, gamma, degree, coef0);
        if (components < 1) {
            throw new IllegalArgumentException(who + ": components must be >= 1 (kernel feature-space dimensions), got " + components);
        }
        if (landmarks < 2) {
            throw new IllegalArgumentException(who + ": landmarks must be >= 2 (Nyström landmark rows), got " + landmarks);
        }
    }

    public static KernelSpectralLearner from(KernelizedMethod method, Params p) {
        return new KernelSpectralLearner(method, method.linear(p), p.getEnum("kernel", Kernel.Type.RBF), p.getDouble("gamma", 0.0),
                p.getInt("degree", 3), p.getDouble("coef0", 1.0), p.getInt("components", 50), p.getInt("landmarks", 1000));
    }

    /** The landmark rows: all rows when there are at most {@code landmarks}, else a sorted random subset. */
    int[] landmarkRows(int n, FitContext ctx) {
        return landmarkRows(n, landmarks, ctx);
    }

    /** The landmark rows: all n rows when there are at most {@code landmarks}, else a sorted random subset (stream "landmarks"). */
    static int[] landmarkRows(int n, int landmarks, FitContext ctx) {
        if (n <= landmarks) {
            return IntStream.range(0, n).toArray();
        }
        int[] perm = FitContext.permutation(n, ctx.random("landmarks"));
        int[] rows = Arrays.copyOf(perm, landmarks);
        Arrays.sort(rows);
        return rows;
    }

    /**
     * The feature map x ↦ Λ^{-1/2}Vᵀk̃(x) of the landmarks' centred kernel (kernel PCA coordinates,
     * at most {@code components} of them), as a kernel metric whose coefficients are VΛ^{-1/2}.
     */
    KernelMetric featureMap(Matrix points) {
        return featureMap(method.key(), Kernel.resolve(kernel, gamma, degree, coef0, points), components, points);
    }

    /** The kernel PCA feature map of {@code points} under kernel {@code k}, at most {@code components} coordinates. */
    static KernelMetric featureMap(String who, Kernel k, int components, Matrix points) {
        int m = points.rows();
        int d = points.cols();
        MemoryBudget.require(MemoryBudget.bytes(3L * m * m + 2L * m * d, MemoryBudget.DOUBLE), who + " on " + m + " landmark rows",
                "set landmarks to a smaller number");
        CentredGram gram = CentredGram.of(who, k, points);
        EigenPairs kept = EigenTruncation.DEFAULT.kept(Eigen.symmetric(gram.matrix()));
        if (kept.size() == 0 || !(kept.value(0) > 0)) {
            throw new IllegalArgumentException(who + ": the centred kernel matrix is zero (all landmark rows coincide in feature "
                    + "space); use more varied rows or another kernel");
        }
        EigenPairs top = kept.top(Math.min(components, kept.size()));
        int r = top.size();
        double[] coef = new double[m * r];
        for (int j = 0; j < r; j++) {
            double scale = 1.0 / Math.sqrt(top.value(j));
            for (int i = 0; i < m; i++) {
                coef[i * r + j] = top.vectors().get(i, j) * scale;
            }
        }
        return new KernelMetric(k, points, Matrix.of(m, r, coef), gram.columnMeans(), gram.grandMean());
    }

    @Override
    public KernelMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(method.key());
        Matrix x = train.x();
        KernelMetric map = featureMap(x.rows(landmarkRows(x.rows(), ctx)));
        return fitLinear(linear, train, map, ctx);
    }

    /**
     * Samples the constraints from the labels (stream "constraints", as {@link Supervised} does), keeps
     * the leading kernel components they support, fits the linear learner on those coordinates and
     * writes its L on the landmarks' kernel vectors.
     */
    private <C extends Constraints> KernelMetric fitLinear(Supervised<C, MahalanobisMetric> s, Dataset train, KernelMetric map,
            FitContext ctx) {
        C constraints = s.sampler().sample(train, ctx.random("constraints"));
        int r = Math.min(map.outputDim(), method.componentLimit(constraints));
        Matrix coef = map.coefficients();
        if (r < coef.cols()) {
            ctx.progress().warn(method.key() + ": the constraints support " + r + " of " + coef.cols()
                    + " kernel components; keeping the leading " + r);
            coef = coef.columns(IntStream.range(0, r).toArray());
        }
        KernelMetric kept = new KernelMetric(map.kernel(), map.points(), coef, map.columnMeans(), map.grandMean());
        MahalanobisMetric inner = s.core().fit(kept.embed(train.x()), constraints, ctx);
        Matrix t = coef.times(inner.l().transpose());
        return new KernelMetric(map.kernel(), map.points(), t, map.columnMeans(), map.grandMean());
    }
}
