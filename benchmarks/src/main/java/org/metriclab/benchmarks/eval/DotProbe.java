package org.metriclab.benchmarks.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Scratch probe: single-thread throughput of axpy-style dot-product tiles (double/float, plain/fma). */
public final class DotProbe {
    private DotProbe() {
    }

    static void dotD(double[] q, int qa, int qb, double[] rt, int w, int dim, double[] out, int oa, int ob, boolean fma) {
        Arrays.fill(out, oa, oa + w, 0);
        Arrays.fill(out, ob, ob + w, 0);
        for (int t = 0; t < dim; t++) {
            double a = q[qa + t];
            double b = q[qb + t];
            int r = t * w;
            if (fma) {
                for (int j = 0; j < w; j++) {
                    double x = rt[r + j];
                    out[oa + j] = Math.fma(a, x, out[oa + j]);
                    out[ob + j] = Math.fma(b, x, out[ob + j]);
                }
            } else {
                for (int j = 0; j < w; j++) {
                    double x = rt[r + j];
                    out[oa + j] += a * x;
                    out[ob + j] += b * x;
                }
            }
        }
    }

    static void dotF(float[] q, int qa, int qb, float[] rt, int w, int dim, float[] out, int oa, int ob) {
        Arrays.fill(out, oa, oa + w, 0);
        Arrays.fill(out, ob, ob + w, 0);
        for (int t = 0; t < dim; t++) {
            float a = q[qa + t];
            float b = q[qb + t];
            int r = t * w;
            for (int j = 0; j < w; j++) {
                float x = rt[r + j];
                out[oa + j] = Math.fma(a, x, out[oa + j]);
                out[ob + j] = Math.fma(b, x, out[ob + j]);
            }
        }
    }

    public static void main(String[] args) {
        int w = 256;
        int dim = 64;
        int nq = 1000;
        int tiles = 40;
        SplittableRandom rnd = new SplittableRandom(1);
        double[] q = new double[nq * dim];
        double[] rt = new double[w * dim];
        float[] qf = new float[nq * dim];
        float[] rtf = new float[w * dim];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextGaussian();
            qf[i] = (float) q[i];
        }
        for (int i = 0; i < rt.length; i++) {
            rt[i] = rnd.nextGaussian();
            rtf[i] = (float) rt[i];
        }
        double[] out = new double[2 * w];
        float[] outf = new float[2 * w];
        for (String mode : new String[] {"double-mul-add", "double-fma", "float-fma", "double-mul-add", "double-fma", "float-fma"}) {
            long t0 = System.nanoTime();
            for (int tile = 0; tile < tiles; tile++) {
                for (int i = 0; i + 1 < nq; i += 2) {
                    switch (mode) {
                        case "double-fma" -> dotD(q, i * dim, (i + 1) * dim, rt, w, dim, out, 0, w, true);
                        case "float-fma" -> dotF(qf, i * dim, (i + 1) * dim, rtf, w, dim, outf, 0, w);
                        default -> dotD(q, i * dim, (i + 1) * dim, rt, w, dim, out, 0, w, false);
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %.3f s, %.2f GFLOP/s (2 flops per pair-dim)%n", mode, s, 2.0 * nq * tiles * w * dim / s / 1e9);
        }
    }
}
