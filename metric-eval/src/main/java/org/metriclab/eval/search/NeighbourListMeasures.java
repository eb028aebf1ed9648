package org.metriclab.eval.search;

import java.util.Arrays;
import java.util.List;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RankMeasure;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.RankedHits;

/**
 * Rank measures from per-query neighbour lists of depth D instead of the full ranking. A relevant reference missing
 * from a query's list is ranked after position D. Every measure accepted here reads ranks only up to its cut-off (k,
 * or R for r_precision and MAP@R), so when D covers every cut-off and the lists are the exact nearest references, the
 * values equal the exact engine's; with approximate lists they are the measures of what the index returned.
 */
final class NeighbourListMeasures {
    private NeighbourListMeasures() {
    }

    /** Whether the measure is determined by the nearest references up to its cut-off. */
    static boolean fromLists(Measure m) {
        return switch (m.kind()) {
            case PRECISION_AT_K, MAP_AT_K, RECALL_AT_K, KNN_ACCURACY, R_PRECISION, MAP_AT_R -> true;
            default -> false;
        };
    }

    /** Whether the measure reads R, the query's number of relevant references, as its cut-off. */
    static boolean readsR(Measure m) {
        return m.kind() == Measure.Kind.R_PRECISION || m.kind() == Measure.Kind.MAP_AT_R;
    }

    /**
     * The mean of each measure (same order), averaged as the exact evaluator does: lone queries (no relevant reference)
     * get the measure's {@link RankMeasure#lone()} value (NaN: left out); a {@link Measure} flagged per class is the mean of per-label means.
     *
     * @param lists           each query's nearest references (row −1 marks a missing entry), own row already removed in self mode
     * @param queryLabels     the queries' labels
     * @param referenceLabels the references' labels
     * @param self            whether the queries are the references (R excludes the query itself)
     */
    static double[] means(Neighbours lists, int[] queryLabels, int[] referenceLabels, boolean self, List<? extends RankMeasure> measures) {
        int[] classes = Arrays.stream(referenceLabels).distinct().sorted().toArray();
        int[] sizes = new int[classes.length];
        int[] refClass = new int[referenceLabels.length];
        for (int j = 0; j < referenceLabels.length; j++) {
            refClass[j] = Arrays.binarySearch(classes, referenceLabels[j]);
            sizes[refClass[j]]++;
        }
        int nm = measures.size();
        int depth = lists.k();
        double[] perQuery = new double[queryLabels.length * nm];
        for (int q = 0; q < queryLabels.length; q++) {
            int y = Arrays.binarySearch(classes, queryLabels[q]);
            int relevant = y < 0 ? 0 : sizes[y] - (self ? 1 : 0);
            if (relevant == 0) {
                for (int j = 0; j < nm; j++) {
                    perQuery[q * nm + j] = measures.get(j).lone();
                }
                continue;
            }
            int n = 0;
            while (n < depth && lists.row(q, n) >= 0) {
                n++;
            }
            int[] neighbourClasses = new int[n];
            long[] ranks = new long[relevant];
            int found = 0;
            for (int i = 0; i < n; i++) {
                neighbourClasses[i] = refClass[lists.row(q, i)];
                if (neighbourClasses[i] == y && found < relevant) {
                    ranks[found++] = i + 1;
                }
            }
            for (int j = found; j < relevant; j++) {
                ranks[j] = depth + 1L + (j - found);
            }
            RankedHits hits = RankedHits.of(y, ranks, neighbourClasses, classes.length);
            for (int j = 0; j < nm; j++) {
                perQuery[q * nm + j] = measures.get(j).of(hits);
            }
        }
        double[] out = new double[nm];
        for (int j = 0; j < nm; j++) {
            out[j] = RetrievalEvaluator.average(perQuery, nm, j, queryLabels, measures.get(j) instanceof Measure m && m.perClass());
        }
        return out;
    }
}
