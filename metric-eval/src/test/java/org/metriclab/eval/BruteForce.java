package org.metriclab.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Independent test oracle: full sort of every query's ranking by (Σ_t (q_t − r_t)², index), then the PML
 * definitions written out directly from the relevance sequence.
 */
final class BruteForce {
    private BruteForce() {
    }

    static Map<String, Double> evaluate(double[][] q, int[] ql, double[][] r, int[] rl, boolean self, List<String> measures) {
        List<double[]> perQuery = new ArrayList<>();
        List<Integer> labelOf = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            List<Integer> order = new ArrayList<>();
            double[] dist = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                if (self && j == i) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < q[i].length; t++) {
                    double d = q[i][t] - r[j][t];
                    s += d * d;
                }
                dist[j] = s;
                order.add(j);
            }
            order.sort(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j));
            int y = ql[i];
            int bigR = (int) order.stream().filter(j -> rl[j] == y).count();
            if (bigR == 0) {
                continue;
            }
            boolean[] rel = new boolean[order.size()];
            for (int p = 0; p < rel.length; p++) {
                rel[p] = rl[order.get(p)] == y;
            }
            double[] v = new double[measures.size()];
            for (int m = 0; m < measures.size(); m++) {
                v[m] = value(measures.get(m).replace("_per_class", ""), rel, bigR, order, rl, y);
            }
            perQuery.add(v);
            labelOf.add(y);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < measures.size(); m++) {
            final int mm = m;
            if (measures.get(m).endsWith("_per_class")) {
                Map<Integer, double[]> acc = new TreeMap<>();
                for (int i = 0; i < perQuery.size(); i++) {
                    double[] a = acc.computeIfAbsent(labelOf.get(i), l -> new double[2]);
                    a[0] += perQuery.get(i)[m];
                    a[1]++;
                }
                out.put(measures.get(m), acc.isEmpty() ? Double.NaN
                        : acc.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElseThrow());
            } else {
                out.put(measures.get(m), perQuery.stream().mapToDouble(v -> v[mm]).average().orElse(Double.NaN));
            }
        }
        return out;
    }

    private static double value(String name, boolean[] rel, int bigR, List<Integer> order, int[] rl, int y) {
        if (name.startsWith("precision_at_")) {
            int k = Integer.parseInt(name.substring("precision_at_".length()));
            int c = 0;
            for (int p = 0; p < Math.min(k, rel.length); p++) {
                c += rel[p] ? 1 : 0;
            }
            return c / (double) k;
        }
        if (name.startsWith("recall_at_")) {
            int k = Integer.parseInt(name.substring("recall_at_".length()));
            for (int p = 0; p < Math.min(k, rel.length); p++) {
                if (rel[p]) {
                    return 1;
                }
            }
            return 0;
        }
        if (name.startsWith("knn_accuracy_")) {
            int k = Math.min(rel.length, Integer.parseInt(name.substring("knn_accuracy_".length())));
            Map<Integer, Integer> votes = new TreeMap<>();
            for (int p = 0; p < k; p++) {
                votes.merge(rl[order.get(p)], 1, Integer::sum);
            }
            int best = votes.values().stream().max(Integer::compare).orElse(0);
            for (int p = 0; p < k; p++) {
                if (votes.get(rl[order.get(p)]) == best) {
                    return rl[order.get(p)] == y ? 1 : 0;
                }
            }
            return 0;
        }
        double hits = 0;
        double ap = 0;
        double apR = 0;
        double hitsR = 0;
        double mrr = 0;
        for (int p = 0; p < rel.length; p++) {
            if (rel[p]) {
                hits++;
                ap += hits / (p + 1);
                if (p < bigR) {
                    apR += hits / (p + 1);
                    hitsR++;
                }
                if (mrr == 0) {
                    mrr = 1.0 / (p + 1);
                }
            }
        }
        return switch (name) {
            case "r_precision" -> hitsR / bigR;
            case "mean_average_precision_at_r" -> apR / bigR;
            case "mean_average_precision" -> ap / bigR;
            case "mean_reciprocal_rank" -> mrr;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static double rocAuc(double[][] q, int[] ql, double[][] r, int[] rl, boolean self) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < r.length; j++) {
                if (self && i == j) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < q[i].length; t++) {
                    double d = q[i][t] - r[j][t];
                    s += d * d;
                }
                (ql[i] == rl[j] ? pos : neg).add(s);
            }
        }
        double num = 0;
        for (double p : pos) {
            for (double n : neg) {
                num += p < n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return num / ((double) pos.size() * neg.size());
    }

    static double[][] copy(double[][] x) {
        return Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
    }
}
