package org.metriclab.spectral.stochastic;

import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.GradientOracle;
import org.metriclab.core.stochastic.LinearEmbedding;

/**
 * Evaluates LMNN batches ({@link Batch.Candidates}: each query's targets and impostor candidates) in
 * this JVM: per query, O(m·(p + d)·p) for its m candidates; memory O(m·d).
 */
public record LmnnGradients(RowSource x, LmnnLoss loss) implements GradientOracle {
    @Override
    public double accumulate(double[] l, int p, Batch batch, double[] gradient) {
        if (!(batch instanceof Batch.Candidates c)) {
            throw new IllegalArgumentException("LMNN batches list each query's targets and impostor candidates");
        }
        int d = x.dim();
        double[] xq = x.gather(c.queries());
        double f = 0;
        for (int a = 0; a < c.queries().length; a++) {
            int[] rows = c.candidates()[a];
            int m = rows.length;
            double[] xa = java.util.Arrays.copyOfRange(xq, a * d, (a + 1) * d);
            double[] za = LinearEmbedding.embed(xa, 1, d, l, p);
            double[] xr = x.gather(rows);
            double[] zr = LinearEmbedding.embed(xr, m, d, l, p);
            double[] dist = new double[m];
            for (int r = 0; r < m; r++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    double t = za[k] - zr[r * p + k];
                    s += t * t;
                }
                dist[r] = s;
            }
            double[] w = new double[m];
            f += loss.term(c.queries()[a], rows, dist, w);
            LinearEmbedding.weightedPairs(za, xa, zr, xr, w, m, p, d, gradient);
        }
        return f;
    }
}
