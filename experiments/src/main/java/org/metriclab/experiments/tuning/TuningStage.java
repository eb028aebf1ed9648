package org.metriclab.experiments.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.Trial;

/**
 * The tuning phase of a run: before the trials run, every trial whose learner has a search space gets
 * its search ({@link Tuner}) on its training part, and is replaced by the same trial with the chosen
 * parameters. The replaced trial then fits once on the whole training part and evaluates its test part
 * once, like any other trial, so rows.csv records the chosen parameters in its {@code params} column.
 */
public record TuningStage(ExperimentConfig cfg, Learners registry) {
    /** Reports each finished search and, optionally, each search's progress. */
    public interface Listener {
        void tuned(Trial trial, Tuner.Result result);

        /** After every validation fold of every candidate; the default ignores it. */
        default void progress(TuningProgress progress) {
        }
    }

    /**
     * Computes the validation folds of every tuned trial, so that data the folds cannot be made from
     * fails before anything runs.
     *
     * @throws ConfigException at {@code tuning.validation} naming the dataset and the way out
     */
    public void check(List<Trial> trials) {
        for (Trial t : trials) {
            tuner(t).ifPresent(tuner -> {
                try {
                    tuner.folds(t.data().subset(t.split().train()), t.seed(), t.splitIndex());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("tuning.validation", "dataset '" + t.data().name() + "' (seed " + t.seed() + ", split "
                            + t.splitIndex() + "): " + e.getMessage());
                }
            });
        }
    }

    /** The trials with every tuned learner replaced by its chosen variant; untuned trials are returned as they are. */
    public List<Trial> tune(List<Trial> pending, Path dir, boolean resume, Listener listener) {
        if (!cfg.tuning().isActive()) {
            return pending;
        }
        List<Trial> out = new ArrayList<>();
        try (TuningLog log = TuningLog.open(dir, resume, cfg.tuning().spec().orElseThrow().validation().folds())) {
            for (Trial t : pending) {
                out.add(tune(t, log.finished(t.key()), new Tuner.Sink() {
                    @Override
                    public void candidate(List<TuningRow> rows) {
                        log.append(rows);
                    }

                    @Override
                    public void progress(TuningProgress progress) {
                        listener.progress(progress);
                    }

                    @Override
                    public void settled(TrialKey trial, Map<Integer, Integer> prunedAt) {
                        log.settle(trial, prunedAt);
                    }
                }, listener));
            }
        }
        return out;
    }

    /**
     * One trial with its learner replaced by the choice of its search, which starts from the evaluations in
     * {@code finished} and hands new ones to {@code sink}; the trial as it is when its learner is not tuned. Engines
     * that run whole trials remotely call this where the trial runs.
     */
    public Trial tune(Trial t, Map<Integer, List<TuningRow>> finished, Tuner.Sink sink, Listener listener) {
        Optional<Tuner> tuner = tuner(t);
        if (tuner.isEmpty()) {
            return t;
        }
        Tuner.Result r = tuner.get().tune(t.key(), t.data().subset(t.split().train()), t.learner(), finished, sink);
        listener.tuned(t, r);
        return new Trial(t.data(), t.split(), t.splitIndex(), r.chosen(), t.seed());
    }

    private Optional<Tuner> tuner(Trial t) {
        return cfg.tuning().spaceOf(t.learner().label()).map(space -> new Tuner(cfg.tuning().spec().orElseThrow(), space,
                cfg.preprocessing(), cfg.retrieval(), registry));
    }
}
