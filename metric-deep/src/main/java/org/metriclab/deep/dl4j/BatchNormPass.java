package org.metriclab.deep.dl4j;

/**
 * Batch normalisation of one layer's n × w pre-activations, as the training graph computes it (float32,
 * biased batch variance, ε = 1e-5): ẑ = (z − μ) / σ with σ = √(var + ε), output γ ẑ + β. Keeps ẑ and
 * σ for the backward pass: dγ = Σ dY ⊙ Ẑ, dβ = Σ dY, dZ = (dẐ − mean(dẐ) − Ẑ · mean(dẐ ⊙ Ẑ)) / σ with
 * dẐ = dY ⊙ γ.
 *
 * @param zhat  the normalised values, row-major n × w
 * @param sigma σ per unit
 * @param n     rows of the batch
 */
record BatchNormPass(float[] zhat, float[] sigma, int n) {
    private static final float EPS = 1e-5f;

    /** Mean and biased variance per unit of the n × w values {@code z}: {@code {mean, variance}}. */
    static float[][] statistics(float[] z, int n, int w) {
        float[] mu = new float[w];
        float[] var = new float[w];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                mu[j] += z[r * w + j];
            }
        }
        for (int j = 0; j < w; j++) {
            mu[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                float c = z[r * w + j] - mu[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < w; j++) {
            var[j] /= n;
        }
        return new float[][] {mu, var};
    }

    /** Replaces {@code z} by γ ẑ + β for the given mean and variance per unit. */
    static BatchNormPass normalise(float[] z, int n, float[] mu, float[] var, float[] gamma, float[] beta) {
        int w = mu.length;
        float[] sigma = new float[w];
        for (int j = 0; j < w; j++) {
            sigma[j] = (float) Math.sqrt(var[j] + EPS);
        }
        float[] zhat = new float[z.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                int i = r * w + j;
                zhat[i] = (z[i] - mu[j]) / sigma[j];
                z[i] = zhat[i] * gamma[j] + beta[j];
            }
        }
        return new BatchNormPass(zhat, sigma, n);
    }

    /** The gradient w.r.t. the pre-activations for {@code dy} w.r.t. the output; dγ and dβ go into the given arrays. */
    float[] backward(float[] dy, float[] gamma, float[] dGamma, float[] dBeta) {
        int w = sigma.length;
        float[] meanD = new float[w];
        float[] meanDZ = new float[w];
        float[] dzhat = new float[dy.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                int i = r * w + j;
                dGamma[j] += dy[i] * zhat[i];
                dBeta[j] += dy[i];
                dzhat[i] = dy[i] * gamma[j];
                meanD[j] += dzhat[i];
                meanDZ[j] += dzhat[i] * zhat[i];
            }
        }
        for (int j = 0; j < w; j++) {
            meanD[j] /= n;
            meanDZ[j] /= n;
        }
        float[] dz = new float[dy.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                int i = r * w + j;
                dz[i] = (dzhat[i] - meanD[j] - zhat[i] * meanDZ[j]) / sigma[j];
            }
        }
        return dz;
    }
}
