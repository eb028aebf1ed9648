package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code LiftedStructureLoss(neg_margin=1, pos_margin=0)} (Oh Song et al. 2016) on the Euclidean
 * distance of L2-normalised embeddings: per ordered positive pair (a,p),
 * {@code relu(logsumexp({m_n − d(a,n)} ∪ {m_n − d(p,n)}) + d(a,p) − m_p)² / 2} over the negative pairs
 * anchored at a or at p (no +1 in the log); default reducer {@code mean} over positive pairs.
 */
public record LiftedStructureLoss(double negMargin, double posMargin, Reducer reducer) implements MetricLoss {

    public static LiftedStructureLoss from(Params p) {
        return new LiftedStructureLoss(p.getDouble("neg_margin", 1), p.getDouble("pos_margin", 0),
                Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "lifted_structure";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neg_margin", negMargin);
        m.put("pos_margin", posMargin);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.EUCLIDEAN);
        PairMatrix m = sc.m();
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        int np = pr.a1().length;
        if (np == 0 || pr.a2().length == 0) {
            return SelfScores.zero(b);
        }
        int[][] negOf = AnchorPairs.negativePairIndexesByAnchor(pr, n);
        double[] terms = new double[np];
        double[] x = new double[np];
        int[][] used = new int[np][];
        double[][] soft = new double[np][];
        for (int k = 0; k < np; k++) {
            int[] l1 = negOf[pr.a1()[k]];
            int[] l2 = negOf[pr.p()[k]];
            int[] u = new int[l1.length + l2.length];
            double[] buf = new double[u.length];
            int c = 0;
            for (int j : l1) {
                u[c] = j;
                buf[c++] = negMargin - m.get(pr.a2()[j], pr.n()[j]);
            }
            for (int j : l2) {
                u[c] = j;
                buf[c++] = negMargin - m.get(pr.a2()[j], pr.n()[j]);
            }
            used[k] = u;
            soft[k] = new double[u.length];
            x[k] = LogSumExp.of(buf, u.length, false, soft[k]) + m.get(pr.a1()[k], pr.p()[k]) - posMargin;
            double r = Math.max(0, x[k]);
            terms[k] = r * r / 2;
        }
        double[] c = new double[np];
        double value = reducer.reduce(terms, c);
        for (int k = 0; k < np; k++) {
            double g = c[k] * Math.max(0, x[k]);
            if (g == 0) {
                continue;
            }
            m.addGrad(pr.a1()[k], pr.p()[k], g);
            for (int t = 0; t < used[k].length; t++) {
                int j = used[k][t];
                m.addGrad(pr.a2()[j], pr.n()[j], -g * soft[k][t]);
            }
        }
        return sc.output(value);
    }
}
