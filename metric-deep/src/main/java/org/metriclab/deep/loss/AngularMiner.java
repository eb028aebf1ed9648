package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code AngularMiner(angle=20)} (Wang et al., ICCV 2017), angle in degrees: over all triplets in
 * (a, p, n) row-major order, with the centre c = (x_a + x_p) / 2, keeps those whose angle at the negative
 * atan(‖x_a − x_p‖ / (2‖x_n − c‖)) exceeds the threshold. As in PML, the distances are taken between the
 * raw embeddings with torch's {@code pairwise_distance} (‖u − v + 1e-6‖), not between normalised ones.
 */
public record AngularMiner(double angle) implements Miner {
    private static final double EPS = 1e-6;

    public AngularMiner {
        if (!(angle >= 0 && angle < 90)) {
            throw new IllegalArgumentException("angular miner: angle is in degrees and must lie in [0, 90), got " + angle);
        }
    }

    public static AngularMiner from(Params p) {
        return new AngularMiner(p.getDouble("angle", 20));
    }

    @Override
    public String name() {
        return "angular";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("angle", angle);
        return m;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        Tuples.Triplets all = Tuples.allTriplets(labels);
        double threshold = Math.toRadians(angle);
        int k = all.size();
        int[] a = new int[k];
        int[] p = new int[k];
        int[] ng = new int[k];
        int kept = 0;
        double[] centre = new double[d];
        for (int q = 0; q < k; q++) {
            int i = all.a()[q];
            int j = all.p()[q];
            int l = all.n()[q];
            double ap = 0;
            double nc = 0;
            for (int c = 0; c < d; c++) {
                centre[c] = (x[i * d + c] + x[j * d + c]) / 2;
                double u = x[i * d + c] - x[j * d + c] + EPS;
                double w = x[l * d + c] - centre[c] + EPS;
                ap += u * u;
                nc += w * w;
            }
            if (Math.atan(Math.sqrt(ap) / (2 * Math.sqrt(nc))) > threshold) {
                a[kept] = i;
                p[kept] = j;
                ng[kept++] = l;
            }
        }
        return new Tuples.Triplets(Arrays.copyOf(a, kept), Arrays.copyOf(p, kept), Arrays.copyOf(ng, kept));
    }
}
