package org.metriclab.spark.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The k-NN retrieval measures of metric-eval's {@code RetrievalEvaluator}, computed from merged top-k lists
 * instead of full distance rows. Every measure here depends only on a prefix of each query's ranking, so a
 * list of depth {@link #depth()} gives exactly the local evaluator's values:
 * precision_at_k = #{relevant in the first k}/k, recall_at_k = [first relevant within k],
 * r_precision = #{relevant in the first R}/R, MAP@R = Σ_{p_i ≤ R} (i/p_i)/R, mean_reciprocal_rank = 1/p_1, knn_accuracy_k = majority vote of the
 * first min(k, references) (ties between classes broken by the nearest of the tied classes), where R is the number
 * of references with the query's label (self excluded in self mode). Lone queries (R = 0) are excluded from the
 * means; {@code _per_class} averages per query label first. The depth is the largest k, or the largest R when
 * r_precision or MAP@R is asked for (memory O(queries · depth)). For mean_reciprocal_rank, p_1 of a query whose
 * first relevant reference lies beyond its list comes from a separate exact count ({@link #queriesBeyondLists}).
 * mean_average_precision = Σ_i (i/p_i)/R over the whole ranking takes every query's average precision from
 * {@link FullRanks} instead ({@link #needsFullRanking()}); NMI, AMI and roc_auc (not per-query ranking measures) are
 * not offered here.
 */
public final class RankMeasures {
    private final List<Measure> measures;
    private final List<Measure> bases;
    private final int[] referenceLabels;
    private final boolean selfMode;
    private final Map<Integer, Integer> classSizes;
    private final int depth;

    private RankMeasures(List<Measure> measures, int[] referenceLabels, boolean selfMode) {
        this.measures = measures;
        this.bases = measures.stream().map(Measure::base).distinct().toList();
        this.referenceLabels = referenceLabels;
        this.selfMode = selfMode;
        this.classSizes = new TreeMap<>();
        for (int y : referenceLabels) {
            classSizes.merge(y, 1, Integer::sum);
        }
        int maxR = classSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0) - (selfMode ? 1 : 0);
        int need = 0;
        for (Measure m : bases) {
            need = Math.max(need, switch (m.kind()) {
                case PRECISION_AT_K, RECALL_AT_K, KNN_ACCURACY -> m.k();
                case MRR -> 1;
                case MAP -> 0;
                default -> maxR;
            });
        }
        this.depth = Math.max(0, Math.min(need, referenceLabels.length - (selfMode ? 1 : 0)));
    }

    /**
     * Parses the measure names.
     *
     * @throws IllegalArgumentException for an unknown name or a measure that is not a per-query ranking measure
     */
    public static RankMeasures of(List<String> names, int[] referenceLabels, boolean selfMode) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("no measures given: expected names such as precision_at_1, r_precision, knn_accuracy_5");
        }
        List<Measure> parsed = new ArrayList<>();
        for (String name : names) {
            Measure m = Measure.parse(name);
            if (!m.kind().isKnn()) {
                throw new IllegalArgumentException("measure '" + name + "' is not a per-query ranking measure: expected precision_at_<k>,"
                        + " recall_at_<k>, r_precision, mean_average_precision_at_r, mean_average_precision, mean_reciprocal_rank"
                        + " or knn_accuracy_<k> (or their _per_class variants)");
            }
            parsed.add(m);
        }
        return new RankMeasures(List.copyOf(parsed), referenceLabels.clone(), selfMode);
    }

    /** True when mean_average_precision is asked for: every query's average precision must come from {@link FullRanks}. */
    public boolean needsFullRanking() {
        return bases.stream().anyMatch(b -> b.kind() == Measure.Kind.MAP);
    }

    /** Neighbours per query the lists must hold. */
    public int depth() {
        return depth;
    }

    /**
     * The queries (ascending) that need p_1 from outside their lists: mean_reciprocal_rank is asked for, the query
     * has relevant references, and none of them is in its list.
     */
    public int[] queriesBeyondLists(TopK lists, int[] queryLabels) {
        if (bases.stream().noneMatch(b -> b.kind() == Measure.Kind.MRR)) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, queryLabels.length).filter(q -> {
            int y = queryLabels[q];
            if (classSizes.getOrDefault(y, 0) - (selfMode ? 1 : 0) <= 0) {
                return false;
            }
            for (int i = 0; i < lists.count(q); i++) {
                if (referenceLabels[lists.index(q, i)] == y) {
                    return false;
                }
            }
            return true;
        }).toArray();
    }

    /** {@link #compute(TopK, int[], Map, double[])} when no query lies beyond its list and no full ranking is needed. */
    public Map<String, Double> compute(TopK lists, int[] queryLabels) {
        return compute(lists, queryLabels, Map.of(), null);
    }

    /**
     * Every measure, in the order asked for, from lists of at least {@link #depth()} neighbours.
     *
     * @param firstRanks p_1 of every query of {@link #queriesBeyondLists}
     * @param averagePrecision every query's average precision over the whole ranking (by query index; lone queries
     *                         are not read), when {@link #needsFullRanking()}; else unused (may be null)
     */
    public Map<String, Double> compute(TopK lists, int[] queryLabels, Map<Integer, Long> firstRanks, double[] averagePrecision) {
        if (lists.queries() != queryLabels.length) {
            throw new IllegalArgumentException("expected " + lists.queries() + " query labels, got " + queryLabels.length);
        }
        if (needsFullRanking() && (averagePrecision == null || averagePrecision.length != queryLabels.length)) {
            throw new IllegalArgumentException("mean_average_precision needs the average precision of each of the "
                    + queryLabels.length + " queries");
        }
        int m = bases.size();
        double[] perQuery = new double[queryLabels.length * m];
        int[] ranks = new int[depth];
        Map<Integer, Integer> votes = new java.util.HashMap<>();
        for (int q = 0; q < queryLabels.length; q++) {
            int y = queryLabels[q];
            int r = classSizes.getOrDefault(y, 0) - (selfMode ? 1 : 0);
            if (r <= 0) {
                Arrays.fill(perQuery, q * m, q * m + m, Double.NaN);
                continue;
            }
            int n = lists.count(q);
            if (n < depth) {
                throw new IllegalStateException("query " + q + " has " + n + " neighbours, expected " + depth);
            }
            int found = 0;
            for (int i = 0; i < n; i++) {
                if (referenceLabels[lists.index(q, i)] == y) {
                    ranks[found++] = i + 1;
                }
            }
            for (int j = 0; j < m; j++) {
                perQuery[q * m + j] = value(bases.get(j), ranks, found, r, lists, q, y, votes, firstRanks, averagePrecision);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Measure measure : measures) {
            out.put(measure.name(), RetrievalEvaluator.average(perQuery, m, bases.indexOf(measure.base()), queryLabels, measure.perClass()));
        }
        return out;
    }

    private double value(Measure measure, int[] ranks, int found, int r, TopK lists, int q, int y, Map<Integer, Integer> votes,
                         Map<Integer, Long> firstRanks, double[] averagePrecision) {
        switch (measure.kind()) {
            case PRECISION_AT_K:
                return within(ranks, found, measure.k()) / (double) measure.k();
            case RECALL_AT_K:
                return found > 0 && ranks[0] <= measure.k() ? 1.0 : 0.0;
            case R_PRECISION:
                return within(ranks, found, r) / (double) r;
            case MAP_AT_R: {
                double s = 0;
                for (int i = 0; i < found && ranks[i] <= r; i++) {
                    s += (i + 1) / (double) ranks[i];
                }
                return s / r;
            }
            case MAP:
                return averagePrecision[q];
            case MRR: {
                if (found > 0) {
                    return 1.0 / ranks[0];
                }
                Long p1 = firstRanks.get(q);
                if (p1 == null) {
                    throw new IllegalStateException("query " + q + " has no relevant reference within its list and no rank from outside it");
                }
                return 1.0 / p1;
            }
            case KNN_ACCURACY:
                return vote(lists, q, Math.min(measure.k(), lists.count(q)), votes) == y ? 1.0 : 0.0;
            default:
                throw new IllegalStateException("not a rank measure: " + measure.name());
        }
    }

    private static int within(int[] ranks, int found, long k) {
        int c = 0;
        while (c < found && ranks[c] <= k) {
            c++;
        }
        return c;
    }

    /** Majority label of the first k; ties between labels go to the label of the nearest tied neighbour. */
    private int vote(TopK lists, int q, int k, Map<Integer, Integer> votes) {
        votes.clear();
        int best = 0;
        for (int i = 0; i < k; i++) {
            best = Math.max(best, votes.merge(referenceLabels[lists.index(q, i)], 1, Integer::sum));
        }
        for (int i = 0; i < k; i++) {
            int label = referenceLabels[lists.index(q, i)];
            if (votes.get(label) == best) {
                return label;
            }
        }
        return Integer.MIN_VALUE;
    }
}
