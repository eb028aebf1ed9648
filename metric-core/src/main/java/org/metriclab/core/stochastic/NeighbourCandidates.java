package org.metriclab.core.stochastic;

import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.FitException;

/**
 * The candidate rows of the stochastic solvers: under the current L, each row's exact nearest rows,
 * found by the installed {@link NeighbourSearch} over the embedded data (Z = X Lᵀ, n×p). With classes:
 * the k nearest rows of the same class and the k nearest of other classes (the targets and the
 * impostors the objective is dominated by); without (regression targets): the k nearest rows. Self
 * is never a candidate.
 *
 * <p>Cost: one exact n×n distance pass (O(n²p) time, O(n·p) memory for Z plus the search's buffers),
 * so the solvers refresh the candidates only every few epochs.
 */
public final class NeighbourCandidates {
    private static final int CHUNK = 4096;

    private final NeighbourSearch search;

    private NeighbourCandidates(NeighbourSearch search) {
        this.search = search;
    }

    /**
     * The candidates through the installed search; without one, a {@link FitException} of
     * {@code learner} saying why the search is needed ({@code purpose}) and what to do ({@code hint}).
     */
    public static NeighbourCandidates installed(String learner, String purpose, String hint) {
        return new NeighbourCandidates(NeighbourSearch.installed().orElseThrow(() -> new FitException(learner,
                purpose + " needs metric-eval's neighbour search on the class path", hint)));
    }

    /** The nearest candidates of every row under L (p×d); classes null for regression targets. */
    public NeighbourSearch.Neighbours find(RowSource x, double[] l, int p, int[] classes, int k) {
        int n = x.rows();
        int d = x.dim();
        double[] z = new double[n * p];
        for (int start = 0; start < n; start += CHUNK) {
            int[] rows = new int[Math.min(n, start + CHUNK) - start];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = start + r;
            }
            double[] e = LinearEmbedding.embed(x.gather(rows), rows.length, d, l, p);
            System.arraycopy(e, 0, z, start * p, e.length);
        }
        return search.nearest(z, n, p, classes, k);
    }
}
