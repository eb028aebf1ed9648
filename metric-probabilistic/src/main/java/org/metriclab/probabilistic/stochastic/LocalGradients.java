package org.metriclab.probabilistic.stochastic;

import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.GradientOracle;

/**
 * Evaluates batches in this JVM, gathering the batch's rows from a {@link RowSource} (in memory or
 * memory-mapped): O(batch · d) values per step, whatever the number of rows.
 */
public record LocalGradients(RowSource x, SoftNeighborLoss loss) implements GradientOracle {
    @Override
    public double accumulate(double[] l, int p, Batch batch, double[] gradient) {
        int d = x.dim();
        double[] xq = x.gather(batch.queries());
        if (batch instanceof Batch.Shared s) {
            return SoftNeighborKernel.shared(xq, s.queries(), x.gather(s.references()), s.references(), d, l, p, loss, gradient);
        }
        Batch.Candidates c = (Batch.Candidates) batch;
        double[][] xc = new double[c.candidates().length][];
        for (int a = 0; a < xc.length; a++) {
            xc[a] = x.gather(c.candidates()[a]);
        }
        return SoftNeighborKernel.candidates(xq, c.queries(), xc, c.candidates(), d, l, p, loss, gradient);
    }
}
