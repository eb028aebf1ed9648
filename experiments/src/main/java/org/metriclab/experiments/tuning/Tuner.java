package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Split;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.Preprocessing;
import org.metriclab.experiments.config.RetrievalMode;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningRow;

/**
 * The search for one outer trial. It is given the trial's training part only, so nothing of the test
 * part can influence a candidate or the choice: the training part is split into validation folds
 * ({@link ValidationSpec#split}), each candidate is fitted on every fold's training rows and scored by the
 * selection measure on the fold's validation rows ({@link FoldScorer}), and its score is the mean over folds
 * (NaN when any fold fails, with the reason in tuning.csv). The best candidate (the first of equal scores) is
 * returned as a learner variant with the trial's label and the candidate's parameters.
 *
 * <p>With {@link Scheduler.SuccessiveHalving} the budget's candidates are first all evaluated at the cheapest
 * rung (the strategy sees these scores); the best 1/eta of each rung are evaluated again at the next rung, and
 * the choice is the best candidate of the last rung, which trains with the learner's full resource. With
 * {@link Scheduler.AsyncHalving} (ASHA) promotions happen as soon as a candidate is in the top 1/eta of the
 * candidates finished at its rung, so no rung waits for the whole budget; the choice is the best candidate of the
 * highest rung reached.
 *
 * <p>Evaluations already in {@code finished} (read back from tuning.csv on resume) are not fitted again:
 * their stored scores are fed to the strategy, which therefore proposes the same next candidates.
 *
 * @param preprocessing the config's preprocessing, fitted on each fold's training rows
 * @param retrieval     how stratified folds are scored (class-disjoint folds always retrieve among their own rows)
 */
public record Tuner(TuningSpec spec, SearchSpace space, Preprocessing preprocessing, RetrievalMode retrieval, Learners registry) {
    /** The outcome of a search: the chosen variant, its candidate number and mean validation score, and how many candidates ran. */
    public record Result(BoundLearner chosen, int candidate, double score, int candidates) {
    }

    /** Receives each evaluation's rows once all its folds are done, the search's progress, and its early stops. */
    public interface Sink {
        void candidate(List<TuningRow> rows);

        /** After every validation fold; the default ignores it. */
        default void progress(TuningProgress progress) {
        }

        /** Once a successive-halving search ends: each candidate it stopped early, with the rung that stopped it. */
        default void settled(TrialKey trial, Map<Integer, Integer> prunedAt) {
        }
    }

    /** A proposed candidate and its mean validation score at each rung it reached. */
    private record Candidate(int index, double[] unit, Map<String, Object> params, List<Double> scores) {
        double rankScore() {
            double s = scores.get(scores.size() - 1);
            return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
        }
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
        Search s = new Search(key, train, base, finished, sink, folds(train, key.seed(), key.split()), System.nanoTime());
        int planned = spec.budget() instanceof Budget.Trials t ? t.count() : 0;
        List<Map<String, Object>> rungs = spec.scheduler().rungs(base.resolvedParams(), planned);
        Searcher searcher = Searcher.of(spec.search(), space, mix(spec.seed(), key.seed(), key.split(), 2), planned);
        List<Candidate> all = new ArrayList<>();
        Candidate best = spec.scheduler() instanceof Scheduler.AsyncHalving asha
                ? asynchronous(s, asha, searcher, base, rungs, planned, all)
                : synchronous(s, searcher, base, rungs, planned, all);
        if (rungs.size() > 1) {
            Map<Integer, Integer> prunedAt = new LinkedHashMap<>();
            Candidate winner = best;
            all.stream().filter(c -> c != winner && c.scores().size() < rungs.size()).forEach(c -> prunedAt.put(c.index(), c.scores().size() - 1));
            sink.settled(key, prunedAt);
        }
        Params chosen = Params.of(best.params());
        try {
            registry.create(base.type(), chosen);
            return new Result(new BoundLearner(base.type(), base.label(), chosen.resolved()), best.index(), best.rankScore(), all.size());
        } catch (IllegalArgumentException e) {
            // every candidate failed and the first cannot even be created: the trial runs it and records why it fails
            return new Result(new BoundLearner(base.type(), base.label(), best.params()), best.index(), best.rankScore(), all.size());
        }
    }

    /** Every candidate at the first rung, then the best 1/eta of each rung at the next; returns the best of the last rung. */
    private Candidate synchronous(Search s, Searcher searcher, BoundLearner base, List<Map<String, Object>> rungs, int planned,
            List<Candidate> all) {
        List<Observation> history = new ArrayList<>();
        double spent = 0;
        s.startRung(0, rungs.size(), planned == 0 ? OptionalInt.empty() : OptionalInt.of(planned));
        while (spec.budget().allowsAnother(all.size(), spent + s.elapsed())) {
            Candidate c = propose(searcher, history, base, all.size());
            spent += s.evaluate(c, 0, rungs.get(0));
            history.add(new Observation(c.unit(), c.scores().get(0), space.active(c.unit())));
            all.add(c);
        }
        List<Candidate> alive = all;
        for (int r = 1; r < rungs.size(); r++) {
            List<Candidate> ranked = new ArrayList<>(alive);
            ranked.sort(Comparator.comparingDouble(Candidate::rankScore).reversed().thenComparingInt(Candidate::index));
            alive = new ArrayList<>(ranked.subList(0, spec.scheduler().promoted(alive.size())));
            alive.sort(Comparator.comparingInt(Candidate::index));
            s.startRung(r, rungs.size(), OptionalInt.of(alive.size()));
            for (Candidate c : alive) {
                s.evaluate(c, r, rungs.get(r));
            }
        }
        return best(alive);
    }

    /**
     * ASHA ({@link AshaLadder}) with one evaluation at a time. A {@code {trials: N}} budget starts N candidates and
     * carries out every promotion they earn; a {@code {seconds: S}} budget stops starting and promoting once S is
     * spent. Returns the best candidate of the highest rung reached.
     */
    private Candidate asynchronous(Search s, Scheduler.AsyncHalving asha, Searcher searcher, BoundLearner base,
            List<Map<String, Object>> rungs, int planned, List<Candidate> all) {
        List<Observation> history = new ArrayList<>();
        AshaLadder ladder = new AshaLadder(rungs.size(), asha.eta());
        double spent = 0;
        s.startRung(0, rungs.size(), planned == 0 ? OptionalInt.empty() : OptionalInt.of(planned));
        while (true) {
            double used = spent + s.elapsed();
            AshaLadder.Job job = ladder.next(spec.budget().allowsAnother(all.size(), used), spec.budget().allowsPromotion(used));
            Candidate c;
            if (job instanceof AshaLadder.Promote p) {
                c = all.get(p.candidate());
            } else if (job instanceof AshaLadder.Start) {
                c = propose(searcher, history, base, all.size());
                all.add(c);
            } else {
                break;
            }
            int r = c.scores().size();
            s.job(r, c.index());
            spent += s.evaluate(c, r, rungs.get(r));
            ladder.record(c.index(), r, c.scores().get(r));
            if (r == 0) {
                history.add(new Observation(c.unit(), c.scores().get(0), space.active(c.unit())));
            }
        }
        return all.get(ladder.best().orElseThrow());
    }

    private Candidate propose(Searcher searcher, List<Observation> history, BoundLearner base, int index) {
        double[] u = searcher.propose(history);
        Map<String, Object> params = new LinkedHashMap<>(base.resolvedParams());
        params.putAll(space.at(u));
        return new Candidate(index, u, params, new ArrayList<>());
    }

    /** The first candidate with the highest last score. */
    private static Candidate best(List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.rankScore() > best.rankScore()) {
                best = c;
            }
        }
        return best;
    }

    /** The state of one search: its folds, the rung under way, its best score so far, and where rows and progress go. */
    private final class Search {
        private final TrialKey key;
        private final Dataset train;
        private final BoundLearner base;
        private final Map<Integer, List<TuningRow>> finished;
        private final Sink sink;
        private final List<Split> folds;
        private final long t0;
        private final FoldScorer scorer;
        private int rung;
        private int rungs;
        private OptionalInt size;
        private int done;
        private double best;
        private int bestCandidate;
        private int bestRung;

        Search(TrialKey key, Dataset train, BoundLearner base, Map<Integer, List<TuningRow>> finished, Sink sink, List<Split> folds, long t0) {
            this.key = key;
            this.train = train;
            this.base = base;
            this.finished = finished;
            this.sink = sink;
            this.folds = folds;
            this.t0 = t0;
            this.scorer = new FoldScorer(spec, preprocessing, retrieval, registry);
        }

        double elapsed() {
            return (System.nanoTime() - t0) / 1e9;
        }

        void startRung(int r, int count, OptionalInt candidates) {
            rung = r;
            rungs = count;
            size = candidates;
            done = 0;
            best = Double.NaN;
            bestCandidate = 0;
            bestRung = r;
        }

        /** An asynchronous job: candidate {@code index} at rung {@code r}; the progress keeps the best of the highest rung. */
        void job(int r, int index) {
            rung = r;
            done = index;
        }

        /**
         * Scores {@code c} at rung {@code r} with the rung's overrides, or takes its stored rows; appends the mean to
         * its scores and returns the fit seconds of stored rows (which the time budget counts as spent).
         */
        double evaluate(Candidate c, int r, Map<String, Object> overrides) {
            Map<String, Object> params = new LinkedHashMap<>(c.params());
            params.putAll(overrides);
            List<TuningRow> stored = finished.getOrDefault(c.index(), List.of()).stream().filter(row -> row.rung() == r).toList();
            List<TuningRow> rows;
            double resumed = 0;
            if (stored.size() == folds.size()) {
                rows = stored;
                resumed = rows.stream().mapToDouble(TuningRow::fitSeconds).sum();
            } else {
                rows = new ArrayList<>();
                String json = canonical(base.type(), params);
                for (int f = 0; f < folds.size(); f++) {
                    long t = System.nanoTime();
                    FoldScorer.Score score = scorer.score(train, folds.get(f), base.type(), params, key.seed());
                    rows.add(new TuningRow(key, c.index(), f, json, score.value(), (System.nanoTime() - t) / 1e9, OptionalInt.empty(), r,
                            score.reason()));
                    if (f < folds.size() - 1) {
                        sink.progress(progress(f + 1));
                    }
                }
                sink.candidate(rows);
            }
            double mean = rows.stream().mapToDouble(TuningRow::score).average().orElse(Double.NaN);
            c.scores().add(mean);
            done++;
            if (!Double.isNaN(mean) && r >= bestRung && (bestCandidate == 0 || r > bestRung || mean > best)) {
                best = mean;
                bestCandidate = c.index() + 1;
                bestRung = r;
            }
            sink.progress(progress(folds.size()));
            return resumed;
        }

        private TuningProgress progress(int fold) {
            return new TuningProgress(key, rung, rungs, done + (fold < folds.size() ? 1 : 0), size, fold, folds.size(), best, bestCandidate,
                    elapsed());
        }
    }

    /** Canonical JSON of the candidate's parameters with the learner's defaults, or as given when the learner refuses them. */
    private String canonical(String type, Map<String, Object> params) {
        try {
            Params p = Params.of(params);
            registry.create(type, p);
            return Trees.canonicalJson(p.resolved());
        } catch (IllegalArgumentException e) {
            return Trees.canonicalJson(params);
        }
    }

    private static long mix(long a, long b, int c, int purpose) {
        return new SplittableRandom(a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 31L + purpose).nextLong();
    }
}
