package org.metriclab.probabilistic.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.Progress;

class WolfeLbfgsTest {
    /** f(x) = (x − c)², counting evaluations. */
    private static final class Parabola implements Objective {
        final double c;
        int evaluations;

        Parabola(double c) {
            this.c = c;
        }

        @Override
        public double value(double[] x) {
            evaluations++;
            return (x[0] - c) * (x[0] - c);
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            g[0] = 2 * (x[0] - c);
            return value(x);
        }
    }

    @Test
    void aFarTooLongFirstTrialIsCutBackByInterpolationNotRepeatedHalving() {
        // the first trial has unit length, 200 times the distance to the minimiser at 0.005: the
        // quadratic interpolant finds it in one step (halving from 1 would take about eight)
        Parabola f = new Parabola(0.005);
        OptimResult r = new WolfeLbfgs(10, 1e-9, 50).minimize(f, new double[] {0.0}, "test", Progress.none());
        assertEquals(0.005, r.x()[0], 1e-12);
        assertTrue(r.converged());
        assertTrue(f.evaluations <= 4, "evaluations: " + f.evaluations);
    }

    @Test
    void aMinimiserVeryCloseToTheStartIsReachedWithoutRepeatedHalving() {
        // unit first trial, 10⁵ times the distance to the minimiser at 1e-5 (0.001% of the bracket):
        // the interpolated step is moved in to 0.1% of the bracket, which brackets the minimiser, and the
        // next interpolation finds it; bisecting instead would halve about seven times first
        Parabola f = new Parabola(1e-5);
        OptimResult r = new WolfeLbfgs(10, 1e-12, 50).minimize(f, new double[] {0.0}, "test", Progress.none());
        assertEquals(1e-5, r.x()[0], 1e-15);
        assertTrue(r.converged());
        assertTrue(f.evaluations <= 5, "evaluations: " + f.evaluations);
    }

    @Test
    void minimisesAnIllConditionedQuadratic() {
        Objective f = new Objective() {
            @Override
            public double value(double[] x) {
                return 0.5 * (x[0] * x[0] + 1e4 * x[1] * x[1]) + x[0] - x[1];
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                g[0] = x[0] + 1;
                g[1] = 1e4 * x[1] - 1;
                return value(x);
            }
        };
        OptimResult r = new WolfeLbfgs(5, 1e-10, 200).minimize(f, new double[] {3, 2}, "test", Progress.none());
        assertEquals(-1.0, r.x()[0], 1e-8);
        assertEquals(1e-4, r.x()[1], 1e-10);
    }
}
