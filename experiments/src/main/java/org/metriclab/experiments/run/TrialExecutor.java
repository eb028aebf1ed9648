package org.metriclab.experiments.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningRow;

/**
 * How a run's pending trials get executed. {@link Runner} plans the trials, opens the results directory,
 * skips completed trials on resume and writes every outcome it is handed to rows.csv; the executor only
 * decides where and in what order trials run. {@link #threads} (a local thread pool) is the default;
 * other engines (metric-spark's {@code spark}) are found through {@link Engine} services, so this module
 * never depends on them.
 */
public interface TrialExecutor extends AutoCloseable {
    /** Receives each trial's outcome as soon as it completes; may be called from several threads. */
    interface Sink {
        void completed(Trial trial, Trial.Outcome outcome);
    }

    /** Parallelism recorded as {@code threads} in provenance.json. */
    int parallelism();

    /**
     * Runs every trial of {@code pending} (in config order, grouped by dataset) and hands each outcome to
     * {@code sink}; returns when all are done. A trial that cannot run at all (not a learner failure, which
     * {@link Trial#run} turns into NaN rows) ends the run with an exception; completed trials stay saved.
     */
    void execute(ExperimentConfig cfg, List<Trial> pending, Sink sink) throws InterruptedException;

    /**
     * The run's tuning.csv as an engine that tunes where trials run sees it: each search's evaluations finished by
     * an earlier run (resume), and a place for the evaluations of each search it completes.
     */
    interface Tuning {
        /** The evaluations of {@code trial}'s search already on disk, by candidate number. */
        Map<Integer, List<TuningRow>> finished(TrialKey trial);

        /** Records a completed search: its new evaluations and the candidates successive halving stopped early. */
        void searched(TrialKey trial, List<TuningRow> rows, Map<Integer, Integer> prunedAt);
    }

    /** Releases the engine's resources (threads, cluster connections). */
    @Override
    default void close() {
    }

    /** The local engine: trials on a fixed pool of {@code threads} daemon threads in this JVM. */
    static TrialExecutor threads(Learners registry, int threads) {
        return new LocalTrialExecutor(registry, threads);
    }

    /**
     * A named execution engine, registered in {@code META-INF/services/org.metriclab.experiments.run.TrialExecutor$Engine}.
     * The CLI's {@code run --engine NAME} opens one per run.
     */
    interface Engine {
        /** The name {@code --engine} selects (lower case). */
        String name();

        /** Opens an executor for one run. */
        TrialExecutor open(Request request);
    }

    /**
     * What an engine gets to open an executor.
     *
     * @param master      the engine's cluster address ({@code --master}), when given
     * @param threads     the requested parallelism ({@code --threads}), or 0 for the engine's default
     * @param configBytes the config file as read (remote engines rebind it where the trials run)
     * @param configDir   the config file's directory (relative dataset paths resolve against it)
     * @param registry    the learner registry the config was bound with
     */
    record Request(Optional<String> master, int threads, byte[] configBytes, Path configDir, Learners registry) {
        public Request {
            if (threads < 0) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }
    }

    /** The engine called {@code name} among the registered services; "local" is always available. */
    static Optional<Engine> engine(String name) {
        return ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(name)).findFirst();
    }
}
