package org.metriclab.experiments.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.Preprocessing;
import org.metriclab.experiments.config.RetrievalMode;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;

/**
 * Asynchronous successive halving: the promotion rule on scores given by hand, and whole searches on the constructed
 * case of {@link SuccessiveHalvingTest} (the candidate closest to a = 0.3 is the best at every rung).
 */
class AsyncHalvingTest {
    private static final Scheduler.AsyncHalving ASHA = new Scheduler.AsyncHalving(Optional.empty(), OptionalInt.empty(), 3);

    @TempDir
    Path tmp;

    /** A test learner like {@code epochs_test} whose fit also sleeps 4 ms per epoch, so time budgets bind. */
    static final class SlowCatalog implements LearnerCatalog {
        @Override
        public String family() {
            return "test";
        }

        @Override
        public List<LearnerEntry> learners() {
            return List.of(new LearnerEntry("slow_test", "test: epochs_test that sleeps 4 ms per epoch", p -> {
                double a = p.getDouble("a", 0.5);
                int epochs = p.getInt("epochs", 27);
                return (train, ctx) -> {
                    try {
                        Thread.sleep(4L * epochs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    double noise = Math.abs(a - 0.3) * (1 + 1.0 / epochs);
                    return new MahalanobisMetric(Matrix.diagonal(1, 1, noise, noise, noise, noise));
                };
            }));
        }
    }

    @Test
    void promotionsFollowTheHandComputedSequence() {
        // scores independent of the rung; eta 3, rungs 0..2, 9 candidates
        double[] score = {0.5, 0.7, 0.2, 0.9, 0.6, 0.1, 0.8, 0.3, 0.4};
        AshaLadder ladder = new AshaLadder(3, 3);
        List<String> jobs = new ArrayList<>();
        int started = 0;
        while (true) {
            AshaLadder.Job job = ladder.next(started < score.length, true);
            if (job instanceof AshaLadder.Promote p) {
                ladder.record(p.candidate(), p.rung(), score[p.candidate()]);
                jobs.add("P" + p.candidate() + "@" + p.rung());
            } else if (job instanceof AshaLadder.Start) {
                ladder.record(started, 0, score[started]);
                jobs.add("S" + started++);
            } else {
                break;
            }
        }
        // S2: 3 finished at rung 0, top 1 = c1 (0.7) moves on; S3 (0.9) then tops rung 0 and moves on; after S6 the
        // top 2 of 7 are c3 and c6, so c6 moves on; rung 1 then holds 3, its top 1 (c3) reaches rung 2; S7 and S8 earn nothing
        assertEquals(List.of("S0", "S1", "S2", "P1@1", "S3", "P3@1", "S4", "S5", "S6", "P6@1", "P3@2", "S7", "S8"), jobs);
        assertEquals(3, ladder.best().getAsInt());
        assertEquals(2, ladder.rungOf(3));
        assertEquals(0, ladder.rungOf(8));
    }

    @Test
    void aFailedEvaluationRanksLastAndPromotionsCanBeWithheld() {
        AshaLadder ladder = new AshaLadder(2, 2);
        ladder.record(0, 0, Double.NaN);
        ladder.record(1, 0, 0.1);
        assertEquals(new AshaLadder.Stop(), ladder.next(false, false), "no promotion while promotions are withheld");
        assertEquals(new AshaLadder.Promote(1, 1), ladder.next(false, true));
        assertEquals(new AshaLadder.Start(), ladder.next(true, false));
        assertThrows(IllegalStateException.class, () -> ladder.record(0, 1 + 1, 0.5), "a rung cannot be skipped");
        assertEquals(1, ladder.best().getAsInt(), "the first rung's best while none reached the second");
    }

    private record Run(Tuner.Result result, List<TuningRow> rows, Map<Integer, Integer> pruned, double seconds) {
        List<String> comparable() {
            return rows.stream().map(r -> r.candidate() + "@" + r.rung() + "/" + r.fold() + " " + r.params() + " " + r.score()).toList();
        }
    }

    private static Map<String, Object> defaults(Learners registry, String type) {
        Params p = Params.empty();
        registry.create(type, p);
        return p.resolved();
    }

    private static Tuner tuner(Learners registry, Budget budget, Scheduler scheduler) {
        TuningSpec spec = new TuningSpec(budget, SearchKind.RANDOM, new ValidationSpec(3, false), "precision_at_1", 11, scheduler);
        return new Tuner(spec, new SearchSpace(Map.of("a", new Dimension.Uniform(0.0, 1.0))), new Preprocessing(false, 0),
                RetrievalMode.TRAIN_REFERENCE, registry);
    }

    private static Run search(Learners registry, String type, Budget budget, Scheduler scheduler, Map<Integer, List<TuningRow>> finished) {
        TrialKey key = new TrialKey("constructed", type, 0, 0, 90);
        List<TuningRow> rows = new ArrayList<>();
        Map<Integer, Integer> pruned = new TreeMap<>();
        long t0 = System.nanoTime();
        Tuner.Result r = tuner(registry, budget, scheduler).tune(key, SuccessiveHalvingTest.data(),
                new BoundLearner(type, type, defaults(registry, type)), finished, new Tuner.Sink() {
                    @Override
                    public void candidate(List<TuningRow> evaluation) {
                        rows.addAll(evaluation);
                    }

                    @Override
                    public void settled(TrialKey trial, Map<Integer, Integer> prunedAt) {
                        pruned.putAll(prunedAt);
                    }
                });
        return new Run(r, rows, pruned, (System.nanoTime() - t0) / 1e9);
    }

    private static Run epochs(Scheduler scheduler) {
        return search(Learners.of(List.of(new SuccessiveHalvingTest.EpochCatalog())), "epochs_test", new Budget.Trials(9), scheduler, Map.of());
    }

    @Test
    void ashaChoosesWhatSynchronousHalvingChoosesWhenTheRankingHoldsAtEveryRung() {
        Run sync = epochs(new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.empty(), 3));
        Run asha = epochs(ASHA);
        assertEquals(sync.result().candidate(), asha.result().candidate(), "the same candidate wins");
        assertEquals(sync.result().chosen(), asha.result().chosen());
        assertEquals(27, asha.result().chosen().resolvedParams().get("epochs"), "the choice trains with the full resource");
        assertEquals(9, asha.result().candidates());
        // asynchronous: a candidate moves on to rung 1 before the last candidate has started
        int firstPromotion = asha.rows().indexOf(asha.rows().stream().filter(r -> r.rung() == 1).findFirst().orElseThrow());
        int lastStart = asha.rows().indexOf(asha.rows().stream().filter(r -> r.candidate() == 8).findFirst().orElseThrow());
        assertTrue(firstPromotion < lastStart, "promoted at row " + firstPromotion + ", last start at row " + lastStart);
        assertEquals(List.of(0, 1, 2), asha.rows().stream().map(TuningRow::rung).distinct().sorted().toList());
        assertTrue(!asha.pruned().containsKey(asha.result().candidate()));
        assertEquals(asha.comparable(), epochs(ASHA).comparable(), "the same seed gives the same evaluations in the same order");
    }

    @Test
    void aTimeBudgetStopsStartingAndPromotingOnceSpent() {
        Learners registry = Learners.of(List.of(new SlowCatalog()));
        double budget = 1.5;
        Run run = search(registry, "slow_test", new Budget.Seconds(budget), ASHA, Map.of());
        Map<String, Double> perEvaluation = run.rows().stream()
                .collect(Collectors.groupingBy(r -> r.candidate() + "@" + r.rung(), Collectors.summingDouble(TuningRow::fitSeconds)));
        double longest = perEvaluation.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(run.seconds() >= budget, "stopped after " + run.seconds() + " s");
        assertTrue(run.seconds() <= budget + longest + 1.0, run.seconds() + " s against a budget of " + budget + " s (longest evaluation " + longest + ")");
        assertTrue(run.result().candidates() > 3, "candidates started: " + run.result().candidates());
        assertTrue(run.rows().stream().anyMatch(r -> r.rung() > 0), "something moved on within the budget");
        // no epochs in the space, so the default rungs for a time budget are 1, 3, 9, 27 epochs
        assertEquals(List.of(Map.of("epochs", 1), Map.of("epochs", 3), Map.of("epochs", 9), Map.of("epochs", 27)),
                ASHA.rungs(Map.of("epochs", 27), 0));
    }

    @Test
    void aResumedSearchKeepsFinishedEvaluationsAndRunsTheSameRest() {
        Run first = epochs(ASHA);
        List<List<TuningRow>> evaluations = new ArrayList<>(first.rows().stream()
                .collect(Collectors.groupingBy(r -> r.candidate() + "@" + r.rung(), LinkedHashMap::new, Collectors.toList())).values());
        int kept = 7;
        TrialKey key = first.rows().get(0).trial();
        Map<Integer, List<TuningRow>> finished;
        try (TuningLog log = TuningLog.open(tmp, false, 3)) {
            evaluations.subList(0, kept).forEach(log::append);
        }
        try (TuningLog log = TuningLog.open(tmp, true, 3)) {
            finished = log.finished(key);
        }
        Run resumed = search(Learners.of(List.of(new SuccessiveHalvingTest.EpochCatalog())), "epochs_test", new Budget.Trials(9), ASHA, finished);
        assertEquals(first.result(), resumed.result());
        assertEquals(first.pruned(), resumed.pruned());
        Set<String> refitted = resumed.rows().stream().map(r -> r.candidate() + "@" + r.rung()).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> rest = evaluations.subList(kept, evaluations.size()).stream().map(e -> e.get(0).candidate() + "@" + e.get(0).rung())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(List.copyOf(rest), List.copyOf(refitted), "only the evaluations after the kill run, in the same order");
    }
}
