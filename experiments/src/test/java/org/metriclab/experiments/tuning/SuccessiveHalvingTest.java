package org.metriclab.experiments.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
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
 * Successive halving on a constructed case: a test learner whose metric weighs two informative features by 1
 * and four noise features by |a − 0.3|·(1 + 1/epochs), so the candidate closest to a = 0.3 is the best at every
 * rung, and every epoch it is asked for is counted.
 */
class SuccessiveHalvingTest {
    static final AtomicLong EPOCHS = new AtomicLong();

    @TempDir
    Path tmp;

    static final class EpochCatalog implements LearnerCatalog {
        @Override
        public String family() {
            return "test";
        }

        @Override
        public List<LearnerEntry> learners() {
            return List.of(new LearnerEntry("epochs_test", "test: noise weight |a - 0.3| shrinking with epochs", p -> {
                double a = p.getDouble("a", 0.5);
                int epochs = p.getInt("epochs", 27);
                return (train, ctx) -> {
                    EPOCHS.addAndGet(epochs);
                    double noise = Math.abs(a - 0.3) * (1 + 1.0 / epochs);
                    return new MahalanobisMetric(Matrix.diagonal(1, 1, noise, noise, noise, noise));
                };
            }));
        }
    }

    /** 90 rows of 3 classes: class means differ in features 0 and 1; features 2 to 5 are large noise. */
    static Dataset data() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = new double[90][6];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 6; j++) {
                x[i][j] = j < 2 ? 2.0 * y[i] * (j + 1) + r.nextGaussian() * 0.6 : r.nextGaussian() * 4;
            }
        }
        return new Dataset("constructed", Matrix.of(x), Labels.of(y));
    }

    private static Map<String, Object> defaults(Learners registry) {
        Params p = Params.empty();
        registry.create("epochs_test", p);
        return p.resolved();
    }

    private record Run(Tuner.Result result, long epochs, List<TuningRow> rows, List<TuningProgress> progress, Map<Integer, Integer> pruned) {
    }

    private Run search(Scheduler scheduler) {
        Learners registry = Learners.of(List.of(new EpochCatalog()));
        TuningSpec spec = new TuningSpec(new Budget.Trials(9), SearchKind.RANDOM, new ValidationSpec(3, false), "precision_at_1", 11, scheduler);
        SearchSpace space = new SearchSpace(Map.of("a", new Dimension.Uniform(0.0, 1.0)));
        Tuner tuner = new Tuner(spec, space, new Preprocessing(false, 0), RetrievalMode.TRAIN_REFERENCE, registry);
        BoundLearner base = new BoundLearner("epochs_test", "epochs_test", defaults(registry));
        TrialKey key = new TrialKey("constructed", "epochs_test", 0, 0, 90);
        List<TuningRow> rows = new ArrayList<>();
        List<TuningProgress> progress = new ArrayList<>();
        Map<Integer, Integer> pruned = new java.util.TreeMap<>();
        EPOCHS.set(0);
        Tuner.Result r = tuner.tune(key, data(), base, Map.of(), new Tuner.Sink() {
            @Override
            public void candidate(List<TuningRow> evaluation) {
                rows.addAll(evaluation);
            }

            @Override
            public void progress(TuningProgress p) {
                progress.add(p);
            }

            @Override
            public void settled(TrialKey trial, Map<Integer, Integer> prunedAt) {
                pruned.putAll(prunedAt);
            }
        });
        return new Run(r, EPOCHS.get(), rows, progress, pruned);
    }

    @Test
    void halvingSpendsFewerEpochsAndKeepsTheBestCandidate() {
        Run full = search(Scheduler.full());
        Run halving = search(new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.empty(), 3));
        // 9 candidates x 3 folds x 27 epochs, against rungs of 3, 9 and 27 epochs for 9, 3 and 1 candidates
        assertEquals(9 * 3 * 27, full.epochs());
        assertEquals(3 * (9 * 3 + 3 * 9 + 1 * 27), halving.epochs());
        assertEquals(full.result().candidate(), halving.result().candidate(), "the same candidate wins");
        assertEquals(full.result().chosen().resolvedParams().get("a"), halving.result().chosen().resolvedParams().get("a"));
        assertEquals(27, halving.result().chosen().resolvedParams().get("epochs"), "the choice trains with the full resource");
        assertEquals(9, halving.result().candidates());
        // 6 candidates stop at rung 0, 2 at rung 1; the winner reaches rung 2 and is not marked
        assertEquals(6, halving.pruned().values().stream().filter(v -> v == 0).count());
        assertEquals(2, halving.pruned().values().stream().filter(v -> v == 1).count());
        assertTrue(!halving.pruned().containsKey(halving.result().candidate()));
        assertEquals(List.of(0, 1, 2), halving.rows().stream().map(TuningRow::rung).distinct().toList());
        assertTrue(halving.rows().stream().filter(r -> r.rung() == 1).allMatch(r -> r.params().contains("\"epochs\":9")), "rung 1 trains 9 epochs");
        TuningProgress last = halving.progress().get(halving.progress().size() - 1);
        assertEquals(List.of(2, 3, 1, 1), List.of(last.rung(), last.rungs(), last.candidate(), last.candidates().getAsInt()));
    }

    @Test
    void theLogMarksStoppedCandidatesAndAResumedHalvingSearchFitsNothingAgain() {
        Learners registry = Learners.of(List.of(new EpochCatalog()));
        Run first = search(new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.of(3), 3));
        try (TuningLog log = TuningLog.open(tmp, false, 3)) {
            first.rows().stream().collect(java.util.stream.Collectors.groupingBy(r -> List.of(r.candidate(), r.rung()),
                    java.util.LinkedHashMap::new, java.util.stream.Collectors.toList())).values().forEach(log::append);
            log.settle(first.rows().get(0).trial(), first.pruned());
        }
        List<TuningRow> written = TuningLog.read(tmp.resolve(TuningLog.FILE));
        assertEquals(first.rows().size(), written.size());
        for (TuningRow r : written) {
            Integer p = first.pruned().get(r.candidate());
            assertEquals(p == null ? OptionalInt.empty() : OptionalInt.of(p), r.prunedAtRung(), r.toString());
        }
        try (TuningLog log = TuningLog.open(tmp, true, 3)) {
            TrialKey key = written.get(0).trial();
            EPOCHS.set(0);
            TuningSpec spec = new TuningSpec(new Budget.Trials(9), SearchKind.RANDOM, new ValidationSpec(3, false), "precision_at_1", 11,
                    new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.of(3), 3));
            Tuner tuner = new Tuner(spec, new SearchSpace(Map.of("a", new Dimension.Uniform(0.0, 1.0))), new Preprocessing(false, 0),
                    RetrievalMode.TRAIN_REFERENCE, registry);
            Tuner.Result again = tuner.tune(key, data(), new BoundLearner("epochs_test", "epochs_test", defaults(registry)),
                    log.finished(key), rows -> {
                        throw new AssertionError("refitted " + rows);
                    });
            assertEquals(0, EPOCHS.get());
            assertEquals(first.result(), again);
        }
    }

    @Test
    void rungsGrowByEtaUpToTheLearnersResource() {
        Scheduler.SuccessiveHalving sh = new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.empty(), 3);
        assertEquals(List.of(Map.of("epochs", 3), Map.of("epochs", 9), Map.of("epochs", 27)), sh.rungs(Map.of("epochs", 27, "lr", 0.1), 9));
        assertEquals(List.of(Map.of("max_iter", 33), Map.of("max_iter", 100)), sh.rungs(Map.of("max_iter", 100), 5));
        assertEquals(List.of(Map.of("epochs", 2), Map.of("epochs", 5)),
                new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.of(2), 2).rungs(Map.of("epochs", 5), 30));
        assertTrue(sh.problem(Map.of("k", 3), 9).orElseThrow().contains("no epochs or max_iter parameter"));
        assertTrue(new Scheduler.SuccessiveHalving(Optional.empty(), OptionalInt.of(50), 3).problem(Map.of("max_iter", 50), 9).orElseThrow()
                .contains("exceeds the learner's max_iter = 50"));
        assertEquals(3, sh.promoted(9));
        assertEquals(1, sh.promoted(2));
    }
}
