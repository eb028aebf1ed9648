package org.metriclab.experiments.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.run.Trial;

/**
 * The tuning phase of a run: before the trials run, every trial whose learner has a search space gets
 * its search ({@link Tuner}) on its training part, and is replaced by the same trial with the chosen
 * parameters. The replaced trial then fits once on the whole training part and evaluates its test part
 * once, like any other trial, so rows.csv records the chosen parameters in its {@code params} column.
 */
public record TuningStage(ExperimentConfig cfg, Learners registry) {
    /** Reports each finished search. */
    public interface Listener {
        void tuned(Trial trial, Tuner.Result result);
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
                Optional<Tuner> tuner = tuner(t);
                if (tuner.isEmpty()) {
                    out.add(t);
                    continue;
                }
                Tuner.Result r = tuner.get().tune(t.key(), t.data().subset(t.split().train()), t.learner(), log.finished(t.key()), log::append);
                listener.tuned(t, r);
                out.add(new Trial(t.data(), t.split(), t.splitIndex(), r.chosen(), t.seed()));
            }
        }
        return out;
    }

    private Optional<Tuner> tuner(Trial t) {
        return cfg.tuning().spaceOf(t.learner().label()).map(space -> new Tuner(cfg.tuning().spec().orElseThrow(), space,
                cfg.preprocessing(), cfg.retrieval(), registry));
    }
}
