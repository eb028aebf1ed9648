package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Deep Fisher discriminant analysis on the batch (Ghojogh et al., survey §5.4, after Díaz-Vico &
 * Dorronsoro's deep FDA): with the within-class scatter tr(S_W) = (1/N) Σ_i ‖z_i − μ_{y_i}‖² and the
 * between-class scatter tr(S_B) = (1/N) Σ_c n_c ‖μ_c − μ‖² of the batch embeddings z,
 * {@code form: ratio} minimises tr(S_W) / tr(S_B) and {@code form: difference} minimises
 * tr(S_W) − λ·tr(S_B). Gradients are closed-form: ∂tr(S_W)/∂z_i = 2(z_i − μ_{y_i})/N and
 * ∂tr(S_B)/∂z_i = 2(μ_{y_i} − μ)/N (the means' own derivatives cancel). A batch with one class gives 0.
 * {@code normalize} (default true) L2-normalises z first, which bounds the difference form.
 */
public record DeepFdaLoss(Form form, double lambda, boolean normalize) implements MetricLoss {

    /** Which trace combination is minimised. */
    public enum Form {
        RATIO, DIFFERENCE
    }

    public DeepFdaLoss {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("deep_fda lambda must be a finite value >= 0, got " + lambda);
        }
    }

    public static DeepFdaLoss from(Params p) {
        return new DeepFdaLoss(p.getEnum("form", Form.RATIO), p.getDouble("lambda", 1), p.getBoolean("normalize", true));
    }

    @Override
    public String name() {
        return "deep_fda";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("form", form.name().toLowerCase(Locale.ROOT));
        m.put("lambda", lambda);
        m.put("normalize", normalize);
        return m;
    }

    /** tr(S_W) and tr(S_B) of a batch (for checks and reports). */
    public static double[] traces(double[] z, int n, int d, int[] labels) {
        BatchScatter s = BatchScatter.of(z, n, d, labels);
        return new double[] {withinTrace(s, z), betweenTrace(s)};
    }

    private static double withinTrace(BatchScatter s, double[] z) {
        double t = 0;
        for (int i = 0; i < s.n(); i++) {
            for (int k = 0; k < s.d(); k++) {
                double v = s.within(z, i, k);
                t += v * v;
            }
        }
        return t / s.n();
    }

    private static double betweenTrace(BatchScatter s) {
        double t = 0;
        for (int c = 0; c < s.classes(); c++) {
            for (int k = 0; k < s.d(); k++) {
                double v = s.classMeans()[c * s.d() + k] - s.mean()[k];
                t += s.counts()[c] * v * v;
            }
        }
        return t / s.n();
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        int d = b.d();
        Embeddings e = new Embeddings(b.x(), n, d, normalize);
        double[] z = e.values;
        BatchScatter s = BatchScatter.of(z, n, d, b.labels());
        if (s.classes() < 2) {
            return new LossOutput(0, new double[n * d], null);
        }
        double tw = withinTrace(s, z);
        double tb = betweenTrace(s);
        double value;
        double cw;
        double cb;
        if (form == Form.RATIO) {
            value = tw / tb;
            cw = 1 / tb;
            cb = -value / tb;
        } else {
            value = tw - lambda * tb;
            cw = 1;
            cb = -lambda;
        }
        for (int i = 0; i < n; i++) {
            int c = s.cls()[i];
            for (int k = 0; k < d; k++) {
                double gw = 2 * s.within(z, i, k) / n;
                double gb = 2 * (s.classMeans()[c * d + k] - s.mean()[k]) / n;
                e.grad[i * d + k] = cw * gw + cb * gb;
            }
        }
        return new LossOutput(value, e.rawGradient(), null);
    }
}
