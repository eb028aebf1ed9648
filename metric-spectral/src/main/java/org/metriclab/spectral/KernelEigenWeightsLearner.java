package org.metriclab.spectral;

import java.util.stream.IntStream;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/**
 * Metric learning by reweighting the eigenvectors of the kernel (the kernel-eigendecomposition approach
 * of the survey's kernel section, after Yeung &amp; Chang 2007): with the centred kernel K̃ = Σ_k λ_k v_k v_kᵀ
 * (the leading {@code components} eigenpairs of the landmarks' kernel, as {@link KernelSpectralLearner}),
 * the learned kernel is K' = Σ_k w_k λ_k v_k v_kᵀ with w ≥ 0, i.e. kernel PCA coordinates y_k scaled by √w_k;
 * w = 1 is kernel PCA itself. The weights solve the QP ({@link EigenWeightsQp})
 * min Σ_k w_k (a_k^S − β a_k^D)/ā + (η/2) Σ_k (w_k − 1)² s.t. w ≥ 0, Σ_k σ_k² w_k = Σ_k σ_k²,
 * where a_k^S and a_k^D are the mean squared differences of coordinate k over the sampled similar and
 * dissimilar pairs (the squared learned distance is Σ_k w_k (y_k(i) − y_k(j))², linear in w), β =
 * {@code dissimilar_weight}, ā = mean_k a_k^D makes the costs unit-free, η = {@code eta} pulls toward
 * kernel PCA, and the equality keeps the total variance σ² of the training embedding (so the weights
 * move variance from components that similar pairs spread to components that separate dissimilar ones).
 * Components whose weight is 0 are dropped. Out-of-sample rows embed by kernel evaluations
 * ({@link KernelMetric}); Nyström landmarks as for the kernel spectral learners.
 *
 * <p>Defaults: kernel rbf (polynomial, linear), gamma 0 = median heuristic, degree 3, coef0 1, components 50,
 * landmarks 1000, constraints 0 (= 20·c² pairs of each kind), dissimilar_weight 1 (≥ 0), eta 1 (> 0).
 */
public record KernelEigenWeightsLearner(Kernel.Type kernel, double gamma, int degree, double coef0, int components, int landmarks,
        int constraints, double dissimilarWeight, double eta) implements MetricLearner<KernelMetric> {
    static final String WHO = "kernel_eigen_weights";

    public KernelEigenWeightsLearner {
        Kernel.requireSettings(WHO, kernel, gamma, degree, coef0);
        if (components < 1) {
            throw new IllegalArgumentException(WHO + ": components must be >= 1 (kernel feature-space dimensions), got " + components);
        }
        if (landmarks < 2) {
            throw new IllegalArgumentException(WHO + ": landmarks must be >= 2 (Nyström landmark rows), got " + landmarks);
        }
        if (constraints < 0) {
            throw new IllegalArgumentException(WHO + ": constraints must be >= 0 (pairs of each kind, 0 = 20·classes²), got " + constraints);
        }
        if (!(dissimilarWeight >= 0) || Double.isInfinite(dissimilarWeight)) {
            throw new IllegalArgumentException(WHO + ": dissimilar_weight must be a finite number >= 0, got " + dissimilarWeight);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException(WHO + ": eta must be a finite number > 0, got " + eta);
        }
    }

    public static KernelEigenWeightsLearner from(Params p) {
        return new KernelEigenWeightsLearner(p.getEnum("kernel", Kernel.Type.RBF), p.getDouble("gamma", 0.0), p.getInt("degree", 3),
                p.getDouble("coef0", 1.0), p.getInt("components", 50), p.getInt("landmarks", 1000), p.getInt("constraints", 0),
                p.getDouble("dissimilar_weight", 1.0), p.getDouble("eta", 1.0));
    }

    /** The kernel PCA map of the training rows' landmarks (all rows when there are at most {@code landmarks}). */
    KernelMetric featureMap(Matrix x, FitContext ctx) {
        Matrix points = x.rows(KernelSpectralLearner.landmarkRows(x.rows(), landmarks, ctx));
        return KernelSpectralLearner.featureMap(WHO, Kernel.resolve(kernel, gamma, degree, coef0, points), components, points);
    }

    /** The QP for coordinates {@code y} (rows × components) and the sampled pairs. */
    EigenWeightsQp qp(Matrix y, Pairs pairs) {
        int r = y.cols();
        double[] as = new double[r];
        double[] ad = new double[r];
        double[] var = new double[r];
        int ns = 0;
        for (int t = 0; t < pairs.size(); t++) {
            boolean similar = pairs.isSimilar(t);
            ns += similar ? 1 : 0;
            for (int k = 0; k < r; k++) {
                double diff = y.get(pairs.left(t), k) - y.get(pairs.right(t), k);
                (similar ? as : ad)[k] += diff * diff;
            }
        }
        int nd = pairs.size() - ns;
        double mean = 0;
        for (int k = 0; k < r; k++) {
            as[k] /= ns;
            ad[k] /= nd;
            mean += ad[k] / r;
            double m = 0;
            for (int i = 0; i < y.rows(); i++) {
                m += y.get(i, k);
            }
            m /= y.rows();
            for (int i = 0; i < y.rows(); i++) {
                var[k] += (y.get(i, k) - m) * (y.get(i, k) - m) / y.rows();
            }
            var[k] = Math.max(var[k], Double.MIN_NORMAL);
        }
        double scale = mean > 0 ? mean : 1.0;
        double[] c = new double[r];
        for (int k = 0; k < r; k++) {
            c[k] = (as[k] - dissimilarWeight * ad[k]) / scale;
        }
        return new EigenWeightsQp(c, var, eta);
    }

    @Override
    public KernelMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        KernelMetric map = featureMap(train.x(), ctx);
        Pairs pairs = new RandomPairs(constraints).sample(train, ctx.random("constraints"));
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        EigenWeightsQp qp = qp(map.embed(train.x()), pairs);
        double[] w = qp.solve();
        ctx.progress().finished(1, qp.objective(w), true);
        return weighted(map, w);
    }

    /** The map with coordinate k scaled by √w_k, components of weight 0 dropped. */
    static KernelMetric weighted(KernelMetric map, double[] w) {
        int[] kept = IntStream.range(0, w.length).filter(k -> w[k] > 0).toArray();
        Matrix coef = map.coefficients().columns(kept);
        double[] scaled = coef.toArray();
        int p = kept.length;
        for (int i = 0; i < coef.rows(); i++) {
            for (int j = 0; j < p; j++) {
                scaled[i * p + j] *= Math.sqrt(w[kept[j]]);
            }
        }
        return new KernelMetric(map.kernel(), map.points(), Matrix.of(coef.rows(), p, scaled), map.columnMeans(), map.grandMean());
    }
}
