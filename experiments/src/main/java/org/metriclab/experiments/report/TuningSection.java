package org.metriclab.experiments.report;

import static org.metriclab.experiments.results.TableFormat.htmlEscape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;

/**
 * The report's tuning section, from tuning.csv alone: per dataset the best-so-far mean validation score against
 * the number of candidates (averaged over the searches of each learner), per learner and tuned parameter a
 * scatter of candidate score against the parameter's value, and a table of the chosen values of every search.
 * A candidate's score is its mean over folds at the last rung it reached; the chosen one is the best of the last
 * rung, as the search chose it. Tuned parameters are those whose values differ between candidates of the first rung
 * (the successive-halving resource differs only between rungs).
 */
record TuningSection(List<Search> searches) {
    /** One search: its trial, its candidates in order, the tuned parameter names, and the chosen candidate. */
    record Search(TrialKey trial, List<Candidate> candidates, List<String> tuned, Candidate chosen) {
    }

    /** A candidate's first-rung parameters and its score at the last rung it reached (NaN when it failed). */
    record Candidate(int index, Map<String, Object> params, double score, int rung) {
        double rankScore() {
            return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
        }
    }

    /** The section of {@code dir}, empty when the run tuned nothing. */
    static TuningSection read(Path dir) {
        Path file = dir.resolve(TuningLog.FILE);
        if (!Files.isRegularFile(file)) {
            return new TuningSection(List.of());
        }
        Map<TrialKey, List<TuningRow>> byTrial = TuningLog.read(file).stream()
                .collect(Collectors.groupingBy(TuningRow::trial, LinkedHashMap::new, Collectors.toList()));
        List<Search> out = new ArrayList<>();
        byTrial.forEach((trial, rows) -> {
            Map<Integer, List<TuningRow>> byCandidate = rows.stream().collect(Collectors.groupingBy(TuningRow::candidate, TreeMap::new,
                    Collectors.toList()));
            List<Candidate> candidates = new ArrayList<>();
            byCandidate.forEach((c, cr) -> {
                int last = cr.stream().mapToInt(TuningRow::rung).max().orElse(0);
                double score = cr.stream().filter(r -> r.rung() == last).mapToDouble(TuningRow::score).average().orElse(Double.NaN);
                String first = cr.stream().filter(r -> r.rung() == 0).findFirst().orElse(cr.get(0)).params();
                candidates.add(new Candidate(c, params(first), score, last));
            });
            int top = candidates.stream().mapToInt(Candidate::rung).max().orElse(0);
            Candidate chosen = candidates.stream().filter(c -> c.rung() == top)
                    .max(Comparator.comparingDouble(Candidate::rankScore).thenComparing(Comparator.comparingInt(Candidate::index).reversed()))
                    .orElseThrow();
            Set<String> tuned = new LinkedHashSet<>();
            for (Candidate c : candidates) {
                c.params().forEach((k, v) -> {
                    if (!v.equals(candidates.get(0).params().get(k))) {
                        tuned.add(k);
                    }
                });
            }
            out.add(new Search(trial, candidates, List.copyOf(tuned), chosen));
        });
        return new TuningSection(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(String json) {
        Object tree = Trees.parseYaml(json, TuningLog.FILE + " params");
        return tree instanceof Map<?, ?> m ? new TreeMap<>((Map<String, Object>) m) : Map.of();
    }

    /** Best-so-far curves per dataset, then score-against-parameter scatters per learner and numeric tuned parameter. */
    List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        Map<String, List<Search>> byDataset = searches.stream().collect(Collectors.groupingBy(s -> s.trial().dataset(), LinkedHashMap::new,
                Collectors.toList()));
        byDataset.forEach((dataset, list) -> {
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            list.stream().collect(Collectors.groupingBy(s -> s.trial().label(), LinkedHashMap::new, Collectors.toList()))
                    .forEach((label, ss) -> series.put(label, bestSoFar(ss)));
            out.add(Charts.lines(stem("tuning-best-so-far-" + dataset), "Best validation score so far: " + dataset,
                    "Best mean validation score among the first n candidates, averaged over each learner's searches (seeds and splits)"
                            + " on " + dataset + "; failed candidates count as no improvement.",
                    "candidates", "best validation score", series, false, false));
        });
        Map<String, List<Search>> byLabel = searches.stream().collect(Collectors.groupingBy(s -> s.trial().label(), LinkedHashMap::new,
                Collectors.toList()));
        byLabel.forEach((label, list) -> {
            Set<String> tuned = new LinkedHashSet<>();
            list.forEach(s -> tuned.addAll(s.tuned()));
            for (String p : tuned) {
                Map<String, Charts.Points> groups = new LinkedHashMap<>();
                list.stream().collect(Collectors.groupingBy(s -> s.trial().dataset(), LinkedHashMap::new, Collectors.toList()))
                        .forEach((dataset, ss) -> {
                            List<double[]> xy = new ArrayList<>();
                            ss.forEach(s -> s.candidates().forEach(c -> {
                                if (c.params().get(p) instanceof Number n && !Double.isNaN(c.score())) {
                                    xy.add(new double[] {n.doubleValue(), c.score()});
                                }
                            }));
                            if (!xy.isEmpty()) {
                                groups.put(dataset, new Charts.Points(xy.stream().mapToDouble(v -> v[0]).toArray(),
                                        xy.stream().mapToDouble(v -> v[1]).toArray()));
                            }
                        });
                if (!groups.isEmpty()) {
                    boolean log = spansDecades(groups);
                    out.add(Charts.scatter(stem("tuning-" + label + "-" + p), "Validation score against " + p + ": " + label,
                            "Each point is one candidate of " + label + "'s searches (mean over validation folds at the last rung it reached),"
                                    + " coloured by dataset" + (log ? "; logarithmic " + p + " axis." : "."), p, "validation score", groups, log));
                }
            }
        });
        return out;
    }

    /** Whether every x is positive and they span at least two decades, so a log axis shows them evenly. */
    private static boolean spansDecades(Map<String, Charts.Points> groups) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Charts.Points p : groups.values()) {
            for (double x : p.x()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        return min > 0 && max / min >= 100;
    }

    /** The mean over searches of the best score among the first n candidates, for n = 1.. the shortest search. */
    private static Charts.Points bestSoFar(List<Search> ss) {
        int n = ss.stream().mapToInt(s -> s.candidates().size()).min().orElse(0);
        double[] x = new double[n];
        double[] y = new double[n];
        for (Search s : ss) {
            double best = Double.NaN;
            for (int i = 0; i < n; i++) {
                double v = s.candidates().get(i).score();
                if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
                    best = v;
                }
                x[i] = i + 1;
                y[i] += (Double.isNaN(best) ? 0 : best) / ss.size();
            }
        }
        return new Charts.Points(x, y);
    }

    /** The chosen values of every search as an HTML table, or nothing when the run tuned nothing. */
    String html() {
        if (searches.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<h2>Tuning</h2>\n<p>One row per search (tuning.csv): the candidate the search chose,"
                + " its mean validation score, and its values of the tuned parameters.</p>\n<table>\n<thead><tr><th>dataset</th><th>learner</th>"
                + "<th>seed</th><th>split</th><th>candidates</th><th>chosen</th><th>validation score</th><th>chosen values</th></tr></thead>\n<tbody>\n");
        for (Search s : searches) {
            String values = s.tuned().stream().map(p -> p + " = " + format(s.chosen().params().get(p))).collect(Collectors.joining(", "));
            sb.append("<tr><td>").append(htmlEscape(s.trial().dataset())).append("</td><td>").append(htmlEscape(s.trial().label()))
                    .append("</td><td>").append(s.trial().seed()).append("</td><td>").append(s.trial().split()).append("</td><td>")
                    .append(s.candidates().size()).append("</td><td>#").append(s.chosen().index()).append("</td><td>")
                    .append(Double.isNaN(s.chosen().score()) ? "failed" : String.format(Locale.ROOT, "%.4f", s.chosen().score()))
                    .append("</td><td style=\"text-align:left\">").append(htmlEscape(values)).append("</td></tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e4 ? String.format(Locale.ROOT, "%.4g", d) : String.format(Locale.ROOT, "%.3e", d);
        }
        return String.valueOf(v);
    }

    private static String stem(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
