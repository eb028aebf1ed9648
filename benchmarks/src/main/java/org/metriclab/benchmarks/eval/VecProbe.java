package org.metriclab.benchmarks.eval;

/** Scratch probe: does C2 vectorise the squared-difference update? */
public final class VecProbe {
    private VecProbe() {
    }

    static void zeroOffset(double a, double[] x, double[] o, int w) {
        for (int j = 0; j < w; j++) {
            double d = a - x[j];
            o[j] += d * d;
        }
    }

    static void offsets(double a, double[] x, int xo, double[] o, int oo, int w) {
        for (int j = 0; j < w; j++) {
            double d = a - x[xo + j];
            o[oo + j] += d * d;
        }
    }

    static void two(double a, double b, double[] x, double[] oa, double[] ob, int w) {
        for (int j = 0; j < w; j++) {
            double r = x[j];
            double da = a - r;
            double db = b - r;
            oa[j] += da * da;
            ob[j] += db * db;
        }
    }

    static void unrolled(double a0, double a1, double a2, double a3, double[] x0, double[] x1, double[] x2, double[] x3, double[] o, int w) {
        for (int j = 0; j < w; j++) {
            double d0 = a0 - x0[j];
            double d1 = a1 - x1[j];
            double d2 = a2 - x2[j];
            double d3 = a3 - x3[j];
            o[j] = o[j] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
        }
    }

    public static void main(String[] args) {
        int w = 256;
        double[] x = new double[w * 64];
        double[] o = new double[w * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.001;
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int rep = 0; rep < 3; rep++) {
            long c0 = os.getProcessCpuTime();
            for (int it = 0; it < 2_000_000; it++) {
                zeroOffset(it * 1e-9, x, o, w);
            }
            long c1 = os.getProcessCpuTime();
            for (int it = 0; it < 2_000_000; it++) {
                offsets(it * 1e-9, x, (it & 63) * w, o, (it & 7) * w, w);
            }
            long c2 = os.getProcessCpuTime();
            double[] o2 = new double[w];
            double[] o3 = new double[w];
            double[][] xs = new double[4][w];
            for (int it = 0; it < 1_000_000; it++) {
                two(it * 1e-9, it * 2e-9, x, o2, o3, w);
            }
            long c3 = os.getProcessCpuTime();
            for (int it = 0; it < 500_000; it++) {
                unrolled(it * 1e-9, 1, 2, 3, xs[0], xs[1], xs[2], xs[3], o2, w);
            }
            long c4 = os.getProcessCpuTime();
            System.out.printf("two-query %.2f, unrolled-4 %.2f Gpair-dims/s%n", 2e6 * w / (c3 - c2), 2e6 * w / (c4 - c3));
            System.out.printf("zero offset %.2f Gpair-dims/s, invariant offsets %.2f Gpair-dims/s%n",
                    2e6 * w / (c1 - c0), 2e6 * w / (c2 - c1));
        }
    }
}
