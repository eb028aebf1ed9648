package org.metriclab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature preprocessing fitted on the training rows only and stored with the model:
 * standardisation (z = (x − mean)/std, population std, train-constant features dropped), then
 * optionally PCA to {@code pca} components ({@code 0} = no PCA). Defaults: standardize true, pca 0.
 */
public record Preprocessing(boolean standardize, int pca) {
    public Preprocessing {
        if (pca < 0) {
            throw new IllegalArgumentException("pca must be >= 0 (0 = off), got " + pca);
        }
    }

    public static Preprocessing defaults() {
        return new Preprocessing(true, 0);
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("standardize", standardize);
        m.put("pca", pca);
        return m;
    }
}
