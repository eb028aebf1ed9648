package org.metriclab.experiments.run;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Split;
import org.metriclab.core.learn.Learners;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.DatasetSpec;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.config.TrainSizes;
import org.metriclab.experiments.data.DataSources;
import org.metriclab.experiments.results.DegradationLog;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.ResultsLock;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TrialLog;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.tuning.Tuner;
import org.metriclab.experiments.tuning.TuningProgress;
import org.metriclab.experiments.tuning.TuningStage;

/**
 * Runs an experiment into a results directory: loads every dataset and computes every split first (so
 * data problems fail before any trial), then runs the trials (dataset × learner variant × seed × split)
 * on a {@link TrialExecutor} (by default a bounded thread pool), appending each completed trial to rows.csv,
 * and finally writes the tables.
 *
 * <p>Results directory: {@code rows.csv}, {@code curves.csv}, {@code config.resolved.yaml},
 * {@code provenance.json}, {@code tables/<measure>.md|csv|tex}, with a {@code tuning:} block {@code tuning.csv}, and with
 * {@code search: {type: hnsw, compare_exact: true}} {@code degradation.csv}. With {@code resume}, trials whose rows
 * are all present are skipped; the directory must come from the same config ({@link RunDirectory}).
 * The directory's {@link ResultsLock} is held from before rows.csv is opened until the tables are written,
 * so a second run or resume on the same directory is refused instead of writing beside this one.
 */
public final class Runner {
    private final Learners registry;
    private final RunListener listener;
    private final Clock clock;

    /** What a run did. */
    public record Summary(Path dir, int trials, int skipped, int failed, List<String> failures, List<ResultRow> rows, Tables tables) {
    }

    public Runner(Learners registry, RunListener listener, Clock clock) {
        this.registry = registry;
        this.listener = listener;
        this.clock = clock;
    }

    public Summary run(ExperimentConfig cfg, byte[] configBytes, Path dir, boolean resume, int threads) {
        return run(cfg, configBytes, Path.of("."), dir, resume, threads);
    }

    /** @param configDir the config file's directory (provenance looks for the git commit there) */
    public Summary run(ExperimentConfig cfg, byte[] configBytes, Path configDir, Path dir, boolean resume, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        try (TrialExecutor executor = TrialExecutor.threads(registry, threads)) {
            return run(cfg, configBytes, configDir, dir, resume, executor);
        }
    }

    /**
     * Runs the trials that are not yet complete in {@code dir} on {@code executor}, appending each outcome
     * to rows.csv as it arrives; the rows do not depend on the executor (fit times aside).
     */
    public Summary run(ExperimentConfig cfg, byte[] configBytes, Path configDir, Path dir, boolean resume, TrialExecutor executor) {
        if (cfg.tuning().isActive() && !(executor instanceof LocalTrialExecutor) && !(executor instanceof TuningTrialExecutor)) {
            // such engines re-plan the trials where they run and would fit the untuned parameters
            throw new ConfigException("tuning", "this engine cannot run hyperparameter searches; run this config without --engine or with"
                    + " --engine spark");
        }
        List<Trial> trials = plan(cfg);
        new TuningStage(cfg, registry).check(trials);
        try (ResultsLock lock = ResultsLock.acquire(dir)) {
            return runLocked(cfg, trials, new RunDirectory(cfg, configBytes, configDir, clock.instant(), executor.parallelism()), dir, resume,
                    executor);
        }
    }

    private Summary runLocked(ExperimentConfig cfg, List<Trial> trials, RunDirectory setup, Path dir, boolean resume, TrialExecutor executor) {
        Set<TrialKey> done = new HashSet<>();
        TrialLog log = setup.open(dir, resume, trials, done);
        DegradationLog degradation = cfg.search() instanceof SearchSpec.Hnsw h && h.compareExact() ? DegradationLog.open(dir, resume, done) : null;
        // rows.csv files without n_train name their trials unsized
        List<Trial> untuned = trials.stream().filter(t -> !done.contains(t.key()) && !done.contains(t.key().unsized())).toList();
        // tuned learners search on each training part first and run with the chosen parameters (tuning.csv): on the
        // driver before the trials, or inside each trial's task for engines that tune where trials run
        TuningTrialExecutor tunesInTasks = cfg.tuning().isActive() && executor instanceof TuningTrialExecutor t ? t : null;
        boolean tunedInTasks = tunesInTasks != null;
        List<Trial> pending = tunedInTasks ? untuned : new TuningStage(cfg, registry).tune(untuned, dir, resume, new TuningStage.Listener() {
            @Override
            public void tuned(Trial trial, Tuner.Result result) {
            }

            @Override
            public void progress(TuningProgress progress) {
                listener.tuning(progress);
            }
        });
        listener.started(trials.size(), trials.size() - pending.size());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        TrialExecutor.Sink sink = (t, o) -> {
            if (degradation != null) {
                degradation.append(o.degradation());
            }
            log.append(o.rows(), o.curve(), o.evaluationCurves());
            o.failure().ifPresent(f -> {
                failed.incrementAndGet();
                failures.add(t.key() + ": " + f);
            });
            listener.trialFinished(t.key(), o.seconds(), o.failure());
        };
        try (log) {
            if (tunedInTasks) {
                try (TuningLog tuning = TuningLog.open(dir, resume, cfg.tuning().spec().orElseThrow().validation().folds())) {
                    tunesInTasks.execute(cfg, pending, new TrialExecutor.Tuning() {
                        @Override
                        public Map<Integer, List<TuningRow>> finished(TrialKey trial) {
                            return tuning.finished(trial);
                        }

                        @Override
                        public void searched(TrialKey trial, List<TuningRow> rows, Map<Integer, Integer> prunedAt) {
                            if (!rows.isEmpty()) {
                                tuning.append(rows);
                            }
                            tuning.settle(trial, prunedAt);
                        }
                    }, sink);
                }
            } else {
                executor.execute(cfg, pending, sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; completed trials are saved, continue with --resume", e);
        } finally {
            listener.finished();
        }
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        Tables tables = Tables.of(cfg);
        tables.write(dir, rows);
        return new Summary(dir, trials.size(), trials.size() - pending.size(), failed.get(), List.copyOf(failures), rows, tables);
    }

    /** Every trial in config order; loads the data and computes the splits, failing with the config path. */
    List<Trial> plan(ExperimentConfig cfg) {
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < cfg.datasets().size(); i++) {
            out.addAll(planDataset(cfg, i));
        }
        return out;
    }

    /**
     * The trials of dataset {@code datasetIndex} (of {@code cfg.datasets()}) in config order (train size, learner variant,
     * seed, split): loads the data once and computes its splits. Deterministic, so a remote executor that
     * plans the same dataset gets the same trials.
     *
     * @throws ConfigException naming the config path when the data cannot be loaded or split
     */
    public static List<Trial> planDataset(ExperimentConfig cfg, int datasetIndex) {
        if (datasetIndex < 0 || datasetIndex >= cfg.datasets().size()) {
            throw new IllegalArgumentException("dataset index " + datasetIndex + " is outside 0.." + (cfg.datasets().size() - 1));
        }
        DatasetSpec spec = cfg.datasets().get(datasetIndex);
        LabeledData data;
        try {
            data = DataSources.load(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("datasets[" + datasetIndex + "]", e.getMessage());
        }
        if (cfg.preprocessing().pca() > data.dataset().dim()) {
            throw new ConfigException("preprocessing.pca", cfg.preprocessing().pca() + " components, but dataset '" + spec.name()
                    + "' has only " + data.dataset().dim() + " features");
        }
        Map<Long, List<Split>> splits = new LinkedHashMap<>();
        for (long seed : cfg.seeds()) {
            try {
                splits.put(seed, cfg.protocol().splits(data.dataset().labels(), data.split(), seed));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("protocol", "dataset '" + spec.name() + "': " + e.getMessage());
            }
        }
        List<Trial> out = new ArrayList<>();
        if (cfg.trainSizes().isEmpty()) {
            for (BoundLearner learner : cfg.variants()) {
                for (long seed : cfg.seeds()) {
                    List<Split> ss = splits.get(seed);
                    for (int s = 0; s < ss.size(); s++) {
                        out.add(new Trial(data.dataset(), ss.get(s), s, learner, seed));
                    }
                }
            }
            return out;
        }
        List<Integer> sizes = cfg.trainSizes().sizes();
        for (int k = 0; k < sizes.size(); k++) {
            int n = sizes.get(k);
            Map<Long, List<Split>> sub = new LinkedHashMap<>();
            for (long seed : cfg.seeds()) {
                List<Split> ss = new ArrayList<>();
                for (int s = 0; s < splits.get(seed).size(); s++) {
                    Split full = splits.get(seed).get(s);
                    if (n > full.train().length) {
                        throw new ConfigException("protocol.train_sizes[" + k + "]", "train size " + n + " exceeds the " + full.train().length
                                + " training rows of dataset '" + spec.name() + "' (seed " + seed + ", split " + s + ")");
                    }
                    ss.add(new Split(TrainSizes.subsample(data.dataset().labels(), full.train(), n, seed, s), full.test()));
                }
                sub.put(seed, ss);
            }
            for (BoundLearner learner : cfg.variants()) {
                for (long seed : cfg.seeds()) {
                    List<Split> ss = sub.get(seed);
                    for (int s = 0; s < ss.size(); s++) {
                        out.add(new Trial(data.dataset(), ss.get(s), s, learner, seed));
                    }
                }
            }
        }
        return out;
    }
}
