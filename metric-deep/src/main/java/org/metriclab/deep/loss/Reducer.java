package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.Locale;

/**
 * PML reducers: how per-term losses become one number. Each reducer returns the value and writes the
 * derivative of that value with respect to every term into {@code coef}.
 * <ul>
 *   <li>{@code mean} (MeanReducer): mean over all terms, zeros included; 0 when there are none;</li>
 *   <li>{@code avg_non_zero} (AvgNonZeroReducer): mean over the terms strictly greater than 0; 0 if none;</li>
 *   <li>{@code sum} (SumReducer).</li>
 * </ul>
 * (DivisorReducer is applied by ProxyAnchor itself, since the divisor comes from the loss.)
 */
public enum Reducer {
    MEAN, AVG_NON_ZERO, SUM;

    public double reduce(double[] terms, double[] coef) {
        int n = terms.length;
        Arrays.fill(coef, 0, n, 0.0);
        if (n == 0) {
            return 0;
        }
        switch (this) {
            case MEAN -> {
                double s = 0;
                for (double t : terms) {
                    s += t;
                }
                Arrays.fill(coef, 0, n, 1.0 / n);
                return s / n;
            }
            case SUM -> {
                double s = 0;
                for (double t : terms) {
                    s += t;
                }
                Arrays.fill(coef, 0, n, 1.0);
                return s;
            }
            default -> {
                double s = 0;
                int c = 0;
                for (double t : terms) {
                    if (t > 0) {
                        s += t;
                        c++;
                    }
                }
                if (c == 0) {
                    return 0;
                }
                for (int i = 0; i < n; i++) {
                    coef[i] = terms[i] > 0 ? 1.0 / c : 0.0;
                }
                return s / c;
            }
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reducer parse(String s) {
        for (Reducer r : values()) {
            if (r.configName().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reducer '" + s + "'; known: mean, avg_non_zero, sum");
    }
}
