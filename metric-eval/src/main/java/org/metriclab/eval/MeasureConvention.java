package org.metriclab.eval;

import java.util.Arrays;
import java.util.Locale;
import org.metriclab.eval.knn.RankedHits;

/**
 * Which library's definition a cut-off retrieval measure follows. The three disagree on two denominators and on
 * queries that have no relevant reference (R = 0, "lone"); with hits(k) = #{i : p_i ≤ k}, the number of relevant
 * references among the k nearest, and p_i the rank of the i-th nearest relevant reference:
 *
 * <table>
 *   <caption>precision_at_k, map_at_k and lone queries per convention</caption>
 *   <tr><th></th><th>precision_at_k</th><th>map_at_k: Σ_{p_i ≤ k} (i / p_i) divided by</th><th>lone query</th></tr>
 *   <tr><td>pml</td><td>hits(k) / k</td><td>R</td><td>left out of the mean</td></tr>
 *   <tr><td>oml</td><td>hits(k) / min(k, R)</td><td>hits(k) (0 when hits(k) = 0)</td><td>left out of the mean</td></tr>
 *   <tr><td>trec</td><td>hits(k) / k</td><td>R</td><td>counts as 0</td></tr>
 * </table>
 * mean_reciprocal_rank (1 / p_1) takes pml (lone queries left out) or trec (they count as 0, trec_eval's
 * {@code recip_rank}); open-metric-learning has no reciprocal rank.
 *
 * <p>pml is pytorch-metric-learning 2.x's AccuracyCalculator ({@code precision_at_k}, and
 * {@code mean_average_precision} with its {@code k}, which divides by the number of relevant references R; lone
 * queries are masked out). oml is open-metric-learning's {@code calc_precision} and {@code calc_map} (precision
 * capped by the query's own class size, MAP@k over the relevant items retrieved); OML itself warns about queries
 * without relevant items and then gives NaN for their precision and 0 for their MAP@k, so this convention leaves them
 * out as pml does. trec is trec_eval's {@code P_k} and {@code map_cut_k} (positions beyond the ranking count as
 * non-relevant, average precision over all R relevant items), where a query with no relevant item scores 0.
 * trec_eval ranks equal scores by descending document name, MetricLab equal distances by ascending reference index: the
 * two agree wherever a run file names references so that the names descend with the index (as the golden-value script
 * does); then trec_eval's values on every query-reference pair judged are this convention's to the last digit, ties
 * included. When k ≥ R and every query has a relevant reference, pml and trec agree everywhere, and oml differs from them
 * in precision_at_k only where k &gt; R.
 */
public enum MeasureConvention {
    /** pytorch-metric-learning (the default: the definitions MetricLab has always used). */
    PML,
    /** open-metric-learning. */
    OML,
    /** trec_eval. */
    TREC;

    /** The convention used when none is named. */
    public static final MeasureConvention DEFAULT = PML;

    /** The name in measure names and configs: pml, oml, trec. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The convention named {@code name} (pml, oml or trec); anything else is an error listing them. */
    public static MeasureConvention parse(String name) {
        for (MeasureConvention c : values()) {
            if (c.configName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown measure convention '" + name + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(MeasureConvention::configName).toList()));
    }

    /** precision_at_k of one query under this convention. */
    double precisionAtK(RankedHits h, int k) {
        int hits = h.relevantWithin(k);
        return this == OML ? hits / (double) Math.min(k, h.relevant()) : hits / (double) k;
    }

    /** map_at_k of one query under this convention: Σ_{p_i ≤ k} (i / p_i) over R, or over hits(k) for oml. */
    double mapAtK(RankedHits h, int k) {
        int hits = h.relevantWithin(k);
        double s = 0;
        for (int i = 0; i < hits; i++) {
            s += (i + 1) / (double) h.rank(i);
        }
        if (this == OML) {
            return hits == 0 ? 0.0 : s / hits;
        }
        return s / h.relevant();
    }

    /** The value of a query without a relevant reference: NaN (left out of the mean), or 0 for trec. */
    double lone() {
        return this == TREC ? 0.0 : Double.NaN;
    }

    /** One sentence defining {@code kind} at cut-off k under this convention, for table footnotes. */
    String definition(Measure.Kind kind, int k) {
        String formula = switch (kind) {
            case PRECISION_AT_K -> "relevant among the " + k + " nearest / " + (this == OML ? "min(" + k + ", R)" : k);
            case MAP_AT_K -> "sum of precision at each relevant rank within " + k + " / "
                    + (this == OML ? "relevant among the " + k + " nearest" : "R");
            case MRR -> "1 / rank of the nearest relevant reference";
            default -> throw new IllegalArgumentException(kind + " has no convention");
        };
        return configName() + " convention (" + formula + ", R = relevant references; queries without one "
                + (this == TREC ? "count as 0" : "left out") + ")";
    }
}
