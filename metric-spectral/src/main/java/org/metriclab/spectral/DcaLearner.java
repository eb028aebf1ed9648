package org.metriclab.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * DCA, Discriminative Component Analysis (Hoi, Liu, Lyu &amp; Ma, CVPR 2006). Chunklets are the
 * connected components of the similar pairs (transitive closure of must-links; a row in no similar
 * pair is its own chunklet); each dissimilar pair marks its two chunklets as discriminative.
 * Ĉ_b = (1/n_b) Σ_{(j,i) marked} (m_j − m_i)(m_j − m_i)ᵀ over distinct marked chunklet pairs,
 * Ĉ_w = (1/n_ch) Σ_j (1/n_j) Σ_{i∈j} (x_ji − m_j)(x_ji − m_j)ᵀ over chunklets with ≥ 2 rows.
 * max |AᵀĈ_bA| / |AᵀĈ_wA| is solved by simultaneous diagonalisation, i.e. the generalized
 * eigenproblem Ĉ_b a = λ (Ĉ_w + ridge) a with aᵀĈ_w a = 1; L = the top p eigenvectors as rows.
 * Defaults: dims 0 = rank(Ĉ_b) (at most d), ridge 1e-6 relative to tr(Ĉ_w)/d.
 */
public record DcaLearner(int dims, double ridge) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "dca";

    public DcaLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        Scatter.requireRidge(ridge, WHO);
    }

    public static DcaLearner from(Params p) {
        return new DcaLearner(p.getInt("dims", 0), p.getDouble("ridge", 1e-6));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Chunklet id of every row: connected components of the similar pairs, numbered by smallest row. */
    static int[] components(int n, Pairs pairs) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int k = 0; k < pairs.size(); k++) {
            if (pairs.isSimilar(k)) {
                int a = find(parent, pairs.left(k));
                int b = find(parent, pairs.right(k));
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = find(parent, i);
        }
        return root;
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        int n = x.rows();
        int d = x.cols();
        int[] comp = components(n, pairs);
        List<List<Integer>> members = new ArrayList<>();
        int[] index = new int[n];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) {
            if (index[comp[i]] < 0) {
                index[comp[i]] = members.size();
                members.add(new ArrayList<>());
            }
            members.get(index[comp[i]]).add(i);
        }
        double[] data = x.toArray();
        double[][] means = new double[members.size()][d];
        for (int c = 0; c < members.size(); c++) {
            for (int i : members.get(c)) {
                for (int j = 0; j < d; j++) {
                    means[c][j] += data[i * d + j] / members.get(c).size();
                }
            }
        }
        Matrix within = Matrix.zeros(d, d);
        int chunklets = 0;
        for (List<Integer> g : members) {
            if (g.size() >= 2) {
                int[] rows = g.stream().mapToInt(Integer::intValue).toArray();
                within = within.plus(Centring.scatter(x.rows(rows)).scale(1.0 / rows.length));
                chunklets++;
            }
        }
        TreeSet<Long> marked = new TreeSet<>();
        for (int k = 0; k < pairs.size(); k++) {
            if (!pairs.isSimilar(k)) {
                int a = index[comp[pairs.left(k)]];
                int b = index[comp[pairs.right(k)]];
                if (a == b) {
                    throw new IllegalArgumentException(WHO + ": dissimilar pair (" + pairs.left(k) + ", " + pairs.right(k)
                            + ") joins rows of one chunklet (the similar pairs link them); the constraints contradict each other");
                }
                marked.add((long) Math.min(a, b) * members.size() + Math.max(a, b));
            }
        }
        double[] diffs = new double[marked.size() * d];
        int r = 0;
        for (long key : marked) {
            int a = (int) (key / members.size());
            int b = (int) (key % members.size());
            for (int j = 0; j < d; j++) {
                diffs[r * d + j] = means[a][j] - means[b][j];
            }
            r++;
        }
        Matrix betweenScatter = Matrix.of(marked.size(), d, diffs).gram().scale(1.0 / marked.size());
        if (chunklets == 0) {
            throw new IllegalArgumentException(WHO + " needs at least one similar pair to form a chunklet");
        }
        within = within.scale(1.0 / chunklets);
        EigenPairs e = Scatter.generalized(betweenScatter, within, ridge, WHO + ": within-chunklet scatter");
        int rank = Math.max(1, Scatter.rank(e.values(), 1e-10));
        int p = Scatter.dims(dims, rank, e.size(), WHO, ctx.progress());
        return new MahalanobisMetric(e.top(p).vectors().transpose());
    }
}
