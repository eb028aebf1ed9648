package org.metriclab.deep;

import java.util.Locale;

/**
 * The non-linearity after every hidden layer (and every decoder layer of the autoencoder). Config
 * names are the lower-case constant names ({@code relu}, {@code leaky_relu}, …).
 */
public enum Activation {
    /** max(0, y). */
    RELU,
    /** tanh(y). */
    TANH,
    /** 1 / (1 + e^−y). */
    SIGMOID,
    /** y for y &gt; 0, 0.01·y otherwise. */
    LEAKY_RELU,
    /** y for y &gt; 0, e^y − 1 otherwise. */
    ELU,
    /** y: no non-linearity. */
    IDENTITY;

    /** The name used in configs and model files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation of every element of the pre-activations {@code y}, as a new array (float32, as the network runs). */
    public float[] apply(float[] y) {
        float[] a = new float[y.length];
        switch (this) {
            case RELU -> {
                for (int i = 0; i < y.length; i++) {
                    a[i] = y[i] > 0 ? y[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < y.length; i++) {
                    a[i] = y[i] > 0 ? y[i] : 0.01f * y[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < y.length; i++) {
                    a[i] = (float) Math.tanh(y[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < y.length; i++) {
                    a[i] = (float) (1 / (1 + Math.exp(-y[i])));
                }
            }
            case ELU -> {
                for (int i = 0; i < y.length; i++) {
                    a[i] = y[i] > 0 ? y[i] : (float) Math.expm1(y[i]);
                }
            }
            case IDENTITY -> System.arraycopy(y, 0, a, 0, y.length);
        }
        return a;
    }

    /**
     * Back-propagation through the activation, in place: {@code d} (the gradient w.r.t. the output H)
     * becomes d ⊙ dH/dY, from the pre-activation {@code y} and the output {@code h}: relu 1[Y&gt;0],
     * leaky 1 or 0.01, tanh 1 − H², sigmoid H(1 − H), elu 1 or H + 1, identity 1.
     */
    public void backward(float[] d, float[] y, float[] h) {
        switch (this) {
            case RELU -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = y[i] > 0 ? d[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = y[i] > 0 ? d[i] : 0.01f * d[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 1 - h[i] * h[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] *= h[i] * (1 - h[i]);
                }
            }
            case ELU -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = y[i] > 0 ? d[i] : d[i] * (h[i] + 1);
                }
            }
            case IDENTITY -> {
            }
        }
    }
}
