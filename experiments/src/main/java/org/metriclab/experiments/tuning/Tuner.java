package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.Preprocessing;
import org.metriclab.experiments.config.RetrievalMode;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.Pipeline;

/**
 * The search for one outer trial. It is given the trial's training part only, so nothing of the test
 * part can influence a candidate or the choice: the training part is split into validation folds
 * ({@link ValidationSpec#split}), each candidate is fitted on every fold's training rows and scored by the
 * selection measure on the fold's validation rows, and its score is the mean over folds (NaN when any
 * fold fails). The best candidate (the first of equal scores) is returned as a learner variant with the
 * trial's label and the candidate's parameters.
 *
 * <p>Candidates already in {@code finished} (read back from tuning.csv on resume) are not fitted again:
 * their stored scores are fed to the strategy, which therefore proposes the same next candidates.
 *
 * @param preprocessing the config's preprocessing, fitted on each fold's training rows
 * @param retrieval     how stratified folds are scored (class-disjoint folds always retrieve among their own rows)
 */
public record Tuner(TuningSpec spec, SearchSpace space, Preprocessing preprocessing, RetrievalMode retrieval, Learners registry) {
    /** The outcome of a search: the chosen variant, its candidate number and mean validation score, and how many candidates ran. */
    public record Result(BoundLearner chosen, int candidate, double score, int candidates) {
    }

    /** Receives each candidate's rows once all its folds are done. */
    public interface Sink {
        void candidate(List<TuningRow> rows);
    }

    /** The folds of a training part: the same for every learner of a seed and split, so candidates compete on equal data. */
    public List<Split> folds(Dataset train, long trialSeed, int splitIndex) {
        return spec.validation().split(train.labels(), mix(spec.seed(), trialSeed, splitIndex, 1));
    }

    /**
     * Runs the search for {@code key} on {@code train} (the trial's training part) starting from {@code base}
     * (the variant's parameters; the space's keys are overridden).
     */
    public Result tune(TrialKey key, Dataset train, BoundLearner base, Map<Integer, List<TuningRow>> finished, Sink sink) {
        List<Split> folds = folds(train, key.seed(), key.split());
        Searcher searcher = Searcher.of(spec.search(), space.size(), mix(spec.seed(), key.seed(), key.split(), 2));
        List<Observation> history = new ArrayList<>();
        double spent = 0;
        long t0 = System.nanoTime();
        int bestIndex = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        Map<String, Object> bestParams = null;
        int n = 0;
        while (spec.budget().allowsAnother(n, spent + (System.nanoTime() - t0) / 1e9)) {
            double[] u = searcher.propose(history);
            Map<String, Object> params = new LinkedHashMap<>(base.resolvedParams());
            params.putAll(space.at(u));
            List<TuningRow> rows = finished.get(n);
            if (rows == null) {
                rows = evaluate(key, n, folds, train, base.type(), params);
                sink.candidate(rows);
            } else {
                spent += rows.stream().mapToDouble(TuningRow::fitSeconds).sum();
            }
            double score = rows.stream().mapToDouble(TuningRow::score).average().orElse(Double.NaN);
            Observation o = new Observation(u, score);
            history.add(o);
            if (bestIndex < 0 || o.rankScore() > bestScore) {
                bestIndex = n;
                bestScore = o.rankScore();
                bestParams = params;
            }
            n++;
        }
        Params chosen = Params.of(bestParams);
        try {
            registry.create(base.type(), chosen);
            return new Result(new BoundLearner(base.type(), base.label(), chosen.resolved()), bestIndex, bestScore, n);
        } catch (IllegalArgumentException e) {
            // every candidate failed and the first cannot even be created: the trial runs it and records why it fails
            return new Result(new BoundLearner(base.type(), base.label(), bestParams), bestIndex, bestScore, n);
        }
    }

    private List<TuningRow> evaluate(TrialKey key, int candidate, List<Split> folds, Dataset train, String type, Map<String, Object> params) {
        String json;
        try {
            Params p = Params.of(params);
            registry.create(type, p);
            json = Trees.canonicalJson(p.resolved());
        } catch (IllegalArgumentException e) {
            json = Trees.canonicalJson(params);
        }
        List<TuningRow> rows = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            long t = System.nanoTime();
            double score = score(train, folds.get(f), type, params, key.seed());
            rows.add(new TuningRow(key, candidate, f, json, score, (System.nanoTime() - t) / 1e9, OptionalInt.empty()));
        }
        return rows;
    }

    /** The selection measure of one candidate on one fold; NaN when the candidate cannot be fitted or embeds to non-finite values. */
    private double score(Dataset train, Split fold, String type, Map<String, Object> params, long seed) {
        try {
            Dataset fit = train.subset(fold.train());
            Dataset validation = train.subset(fold.test());
            LearnedMetric metric = Pipeline.fit(fit, preprocessing, registry.create(type, Params.of(params)), new FitContext(seed, Progress.none()));
            Matrix v = metric.embed(validation.x());
            if (v.firstNonFinite() != null) {
                return Double.NaN;
            }
            List<String> measure = List.of(spec.selectBy());
            Map<String, Double> values;
            if (spec.validation().classDisjoint() || retrieval == RetrievalMode.TEST_SELF) {
                values = RetrievalEvaluator.evaluateSelf(v, validation.labels(), measure, seed);
            } else {
                Matrix r = metric.embed(fit.x());
                if (r.firstNonFinite() != null) {
                    return Double.NaN;
                }
                values = RetrievalEvaluator.evaluate(v, validation.labels(), r, fit.labels(), measure, seed);
            }
            Double value = values.get(spec.selectBy());
            return value == null ? Double.NaN : value;
        } catch (RuntimeException | OutOfMemoryError e) {
            return Double.NaN;
        }
    }

    private static long mix(long a, long b, int c, int purpose) {
        return new SplittableRandom(a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 31L + purpose).nextLong();
    }
}
