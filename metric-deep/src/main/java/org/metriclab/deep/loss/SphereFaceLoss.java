package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code SphereFaceLoss(num_classes, embedding_size, margin=4, scale=1)} (Liu et al., CVPR 2017,
 * A-Softmax): cos_ic = cosine(x_i, W_c); the target cosine cos θ becomes {@code (−1)^k cos(mθ) − 2k} with
 * the integer margin m, k = ⌊θ·m/π⌋ (a constant for the gradient) and cos(mθ) expanded as the
 * multiple-angle polynomial in cos θ; every logit is multiplied by ‖x_i‖ (the raw embedding norm, which
 * the gradient passes through) and by {@code scale}; per-sample cross-entropy times the miner weight,
 * default reducer {@code mean}. W is stored C×D and initialised N(0, 1).
 */
public record SphereFaceLoss(int numClasses, int embeddingSize, int margin, double scale, Reducer reducer) implements ClassWeightLoss {

    public SphereFaceLoss {
        if (margin < 1) {
            throw new IllegalArgumentException("sphereface margin is the integer angle multiplier m >= 1, got " + margin);
        }
    }

    public static SphereFaceLoss from(Params p) {
        // PML truncates the margin to an integer (int(margin)); so does this binding
        return new SphereFaceLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), (int) p.getDouble("margin", 4),
                p.getDouble("scale", 1), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "sphereface";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("margin", margin);
        m.put("scale", scale);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public double initialStd(int classes, int dim) {
        return 1.0;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        ClassWeights.Scores sc = ClassWeights.Scores.of(name(), b, numClasses, embeddingSize, PairMatrix.Kind.DOT, true);
        int c = sc.classes();
        int n = sc.n();
        int d = b.d();
        PairMatrix cos = sc.m();
        double[] norm = new double[n];
        double[][] unscaled = new double[n][c];
        double[] targetSlope = new double[n];
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, false, (i, logits) -> {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += b.x()[i * d + k] * b.x()[i * d + k];
            }
            norm[i] = Math.sqrt(s);
            int y = b.labels()[i];
            for (int k = 0; k < c; k++) {
                unscaled[i][k] = cos.get(i, k);
            }
            double ct = cos.get(i, y);
            double theta = Math.acos(Math.max(-1, Math.min(1, ct)));
            double kk = Math.floor(theta / (Math.PI / margin));
            double sign = ((long) kk) % 2 == 0 ? 1 : -1;
            unscaled[i][y] = sign * multipleAngle(ct, margin) - 2 * kk;
            targetSlope[i] = sign * multipleAngleSlope(ct, margin);
            for (int k = 0; k < c; k++) {
                logits[k] = unscaled[i][k] * norm[i] * scale;
            }
        });
        double[] normGrad = new double[n];
        for (int i = 0; i < n; i++) {
            int y = b.labels()[i];
            double ci = ce.sampleCoef(i) * scale;
            double dn = 0;
            for (int k = 0; k < c; k++) {
                double gk = ce.softmaxMinusTarget(i, k);
                cos.addGrad(i, k, ci * norm[i] * gk * (k == y ? targetSlope[i] : 1));
                dn += ci * gk * unscaled[i][k];
            }
            normGrad[i] = dn;
        }
        LossOutput out = sc.output(ce.value());
        double[] gx = out.gradEmbeddings();
        for (int i = 0; i < n; i++) {
            if (norm[i] > 0) {
                for (int k = 0; k < d; k++) {
                    gx[i * d + k] += normGrad[i] * b.x()[i * d + k] / norm[i];
                }
            }
        }
        return out;
    }

    /** cos(mθ) from c = cos θ: Σ_{j ≤ m/2} (−1)^j C(m, 2j) c^{m−2j} (1 − c²)^j. */
    static double multipleAngle(double c, int m) {
        double s = 0;
        double sin2 = 1 - c * c;
        for (int j = 0; j <= m / 2; j++) {
            s += (j % 2 == 0 ? 1 : -1) * binomial(m, 2 * j) * Math.pow(c, m - 2 * j) * Math.pow(sin2, j);
        }
        return s;
    }

    /** d cos(mθ) / d cos θ of the polynomial above (terms with a zero exponent contribute nothing). */
    static double multipleAngleSlope(double c, int m) {
        double s = 0;
        double sin2 = 1 - c * c;
        for (int j = 0; j <= m / 2; j++) {
            int p = m - 2 * j;
            double t = 0;
            if (p > 0) {
                t += p * Math.pow(c, p - 1) * Math.pow(sin2, j);
            }
            if (j > 0) {
                t += Math.pow(c, p) * j * Math.pow(sin2, j - 1) * (-2 * c);
            }
            s += (j % 2 == 0 ? 1 : -1) * binomial(m, 2 * j) * t;
        }
        return s;
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
