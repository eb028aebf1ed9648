package org.metriclab.probabilistic.optim;

import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Alg. 7.4/7.5: two-loop recursion, H₀ = (sᵀy/yᵀy)·I) with a
 * strong-Wolfe line search (Alg. 3.5/3.6: bracketing, then zoom with safeguarded cubic interpolation;
 * c₁ = 1e-4, c₂ = 0.9; scipy's L-BFGS-B runs MINPACK's dcsrch with c₂ = 0.9 but c₁ = 1e-3, and also
 * stops on a bracket narrower than xtol = 0.1 relative, which this search does not; the zoom takes the
 * cubic, else the quadratic interpolant's minimiser, moved in to 0.1% of the bracket's width from its
 * ends when it lies closer, and bisects when neither lies inside the bracket or when two steps shrank
 * the bracket by less than 0.66, as in Moré &amp; Thuente's safeguard, so that a far too long first
 * trial is cut back in a few evaluations rather than by repeated halving, even when the minimiser
 * lies very close to the best point). The
 * first trial step has unit length (1/‖g₀‖ along −g₀), later ones are 1. The Wolfe curvature
 * condition keeps sᵀy &gt; 0, so every direction is a descent direction and the objective decreases
 * monotonically. Stops (scipy's rules)
 * when max|gᵢ| ≤ {@code gtol} or the relative decrease (f_k − f_{k+1})/max(|f_k|, |f_{k+1}|, 1) ≤ 2.2e-9,
 * or at {@code maxIter} with a {@link Progress#warn}.
 *
 * @param memory  number of correction pairs kept (default 10)
 * @param gtol    tolerance on max|gᵢ| (default 1e-5)
 * @param maxIter iteration cap
 */
public record WolfeLbfgs(int memory, double gtol, int maxIter) {
    private static final double FTOL = 2.2e-9;
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 30;
    /** Interpolated zoom steps closer than this fraction of the bracket to its ends are moved in to it. */
    private static final double SAFEGUARD = 1e-3;
    /** Bisect when two zoom steps together shrank the bracket by less than this factor (Moré &amp; Thuente). */
    private static final double SHRINK = 0.66;

    public WolfeLbfgs {
        if (memory < 1 || !(gtol > 0) || maxIter < 1) {
            throw new IllegalArgumentException("L-BFGS needs memory >= 1, gtol > 0, max_iter >= 1; got " + memory + ", "
                    + gtol + ", " + maxIter);
        }
    }

    public OptimResult minimize(Objective f, double[] x0, String owner, Progress progress) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x.clone(), g);
        requireFinite(fx, owner);
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int head = 0;
        int iter = 0;
        boolean converged = maxAbs(g) <= gtol;
        while (!converged && iter < maxIter) {
            double[] d = direction(g, s, y, rho, stored, head);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                stored = 0;
                d = negate(g);
                slope = dot(g, d);
            }
            double step = iter == 0 && stored == 0 ? 1.0 / Math.sqrt(dot(g, g)) : 1.0;
            LineSearch ls = lineSearch(f, x, fx, g, d, slope, step);
            if (ls == null) {
                converged = true;
                break;
            }
            iter++;
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = ls.x[i] - x[i];
                yk[i] = ls.g[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double previous = fx;
            x = ls.x;
            g = ls.g;
            fx = ls.f;
            progress.iteration(iter, fx);
            converged = maxAbs(g) <= gtol
                    || (previous - fx) <= FTOL * Math.max(1.0, Math.max(Math.abs(previous), Math.abs(fx)));
        }
        if (!converged) {
            progress.warn(owner + ": L-BFGS stopped at max_iter=" + maxIter + " without converging (objective " + fx + ")");
        }
        progress.finished(iter, fx, converged);
        return new OptimResult(x, fx, iter, converged);
    }

    private record LineSearch(double[] x, double f, double[] g) {
    }

    /** Strong-Wolfe line search; null when no acceptable step with a decrease was found. */
    private static LineSearch lineSearch(Objective f, double[] x, double f0, double[] g0, double[] d, double slope0,
            double step) {
        double aPrev = 0;
        double fPrev = f0;
        double slopePrev = slope0;
        double a = step;
        for (int k = 0; k < MAX_LINE_SEARCH; k++) {
            LineSearch p = evaluate(f, x, d, a);
            double slope = dot(p.g, d);
            if (!Double.isFinite(p.f) || p.f > f0 + C1 * a * slope0 || (k > 0 && p.f >= fPrev)) {
                return zoom(f, x, f0, d, slope0, aPrev, fPrev, slopePrev, a, p.f, slope);
            }
            if (Math.abs(slope) <= -C2 * slope0) {
                return p;
            }
            if (slope >= 0) {
                return zoom(f, x, f0, d, slope0, a, p.f, slope, aPrev, fPrev, slopePrev);
            }
            aPrev = a;
            fPrev = p.f;
            slopePrev = slope;
            a *= 2;
        }
        return null;
    }

    private static LineSearch zoom(Objective f, double[] x, double f0, double[] d, double slope0, double aLo, double fLo,
            double sLo, double aHi, double fHi, double sHi) {
        LineSearch best = null;
        double widthBefore = Double.POSITIVE_INFINITY;
        double widthTwoBefore = Double.POSITIVE_INFINITY;
        for (int k = 0; k < MAX_LINE_SEARCH; k++) {
            double lo = Math.min(aLo, aHi);
            double hi = Math.max(aLo, aHi);
            double width = hi - lo;
            double a = cubicMinimizer(aLo, fLo, sLo, aHi, fHi, sHi);
            if (!(a > lo && a < hi)) {
                a = quadraticMinimizer(aLo, fLo, sLo, aHi, fHi);
            }
            double margin = SAFEGUARD * width;
            if (!(a > lo && a < hi) || width > SHRINK * widthTwoBefore) {
                a = 0.5 * (aLo + aHi);
            } else {
                a = Math.min(Math.max(a, lo + margin), hi - margin);
            }
            widthTwoBefore = widthBefore;
            widthBefore = width;
            LineSearch p = evaluate(f, x, d, a);
            double slope = dot(p.g, d);
            if (!Double.isFinite(p.f) || p.f > f0 + C1 * a * slope0 || p.f >= fLo) {
                aHi = a;
                fHi = p.f;
                sHi = slope;
            } else {
                best = p;
                if (Math.abs(slope) <= -C2 * slope0) {
                    return p;
                }
                if (slope * (aHi - aLo) >= 0) {
                    aHi = aLo;
                    fHi = fLo;
                    sHi = sLo;
                }
                aLo = a;
                fLo = p.f;
                sLo = slope;
            }
            if (Math.abs(aHi - aLo) <= 1e-14 * Math.max(1.0, Math.abs(aLo))) {
                break;
            }
        }
        return best != null && best.f < f0 ? best : null;
    }

    /** Minimiser of the quadratic through (a, fa) with slope sa at a and through (b, fb); NaN when it has none. */
    private static double quadraticMinimizer(double a, double fa, double sa, double b, double fb) {
        double h = b - a;
        double curvature = fb - fa - sa * h;
        if (!(curvature > 0) || !Double.isFinite(fb)) {
            return Double.NaN;
        }
        return a - sa * h * h / (2 * curvature);
    }

    /** Minimiser of the cubic interpolating (a, fa, sa) and (b, fb, sb); NaN when it does not exist. */
    private static double cubicMinimizer(double a, double fa, double sa, double b, double fb, double sb) {
        if (!Double.isFinite(fb) || !Double.isFinite(sb)) {
            return Double.NaN;
        }
        double d1 = sa + sb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - sa * sb;
        if (disc < 0) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (sb + d2 - d1) / (sb - sa + 2 * d2);
    }

    private static LineSearch evaluate(Objective f, double[] x, double[] d, double a) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = x[i] + a * d[i];
        }
        double[] g = new double[x.length];
        double v = f.valueAndGradient(p.clone(), g);
        return new LineSearch(p, v, g);
    }

    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int head) {
        double[] q = g.clone();
        double[] alpha = new double[stored];
        int m = s.length;
        for (int k = 0; k < stored; k++) {
            int i = Math.floorMod(head - 1 - k, m);
            alpha[k] = rho[i] * dot(s[i], q);
            axpy(-alpha[k], y[i], q);
        }
        if (stored > 0) {
            int last = Math.floorMod(head - 1, m);
            double gamma = 1.0 / (rho[last] * dot(y[last], y[last]));
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = Math.floorMod(head - 1 - k, m);
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[k] - beta, s[i], q);
        }
        return negate(q);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = -v[i];
        }
        return r;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double t : v) {
            m = Math.max(m, Math.abs(t));
        }
        return m;
    }

    private static void requireFinite(double v, String owner) {
        if (!Double.isFinite(v)) {
            throw new FitException(owner, "L-BFGS met a non-finite objective " + v,
                    "the data may be badly scaled: standardise the features");
        }
    }
}
