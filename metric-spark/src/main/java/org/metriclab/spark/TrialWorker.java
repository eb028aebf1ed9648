package org.metriclab.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.Runner;
import org.metriclab.experiments.run.Trial;
import org.metriclab.experiments.tuning.Tuner;
import org.metriclab.experiments.tuning.TuningStage;

/**
 * The executor side of a Spark run: binds the config (once per executor JVM and config) and plans a dataset's
 * trials (loading its data once per executor JVM), then runs single trials from that plan. Plans are kept for
 * the {@value #KEEP} most recently used datasets. A trial whose learner is tuned runs its search here first, on its
 * training part, exactly as the local runner does on the driver, so both engines choose the same parameters.
 */
final class TrialWorker {
    private static final int KEEP = 4;
    private static final Map<String, Bound> CONFIGS = new LinkedHashMap<>();
    private static final Map<String, Map<TrialKey, Trial>> PLANS = new LinkedHashMap<>(16, 0.75f, true);

    private record Bound(ExperimentConfig cfg, Learners registry) {
    }

    private TrialWorker() {
    }

    /** Runs one trial; the config text travels with the task, the data is loaded where the task runs. */
    static TrialResult run(String configText, String configDir, TrialTask task) {
        Bound bound = bind(configText, configDir, task.configSha256());
        Map<TrialKey, Trial> plan = plan(bound.cfg(), task);
        Trial trial = plan.get(task.key());
        if (trial == null) {
            throw new IllegalStateException("trial " + task.key() + " is not among the " + plan.size() + " trials this executor planned for dataset "
                    + task.datasetIndex() + ": does the executor see the same data files as the driver?");
        }
        if (!bound.cfg().tuning().isActive() || bound.cfg().tuning().spaceOf(trial.learner().label()).isEmpty()) {
            return TrialResult.of(task.key(), trial.run(bound.cfg(), bound.registry()));
        }
        Map<Integer, List<TuningRow>> finished = new TreeMap<>();
        for (String line : task.finishedTuning()) {
            TuningRow r = TuningRow.fromCsvLine(line);
            finished.computeIfAbsent(r.candidate(), c -> new ArrayList<>()).add(r);
        }
        List<String> rows = new ArrayList<>();
        HashMap<Integer, Integer> prunedAt = new HashMap<>();
        Trial chosen = new TuningStage(bound.cfg(), bound.registry()).tune(trial, finished, new Tuner.Sink() {
            @Override
            public void candidate(List<TuningRow> evaluation) {
                evaluation.forEach(r -> rows.add(r.toCsvLine()));
            }

            @Override
            public void settled(TrialKey key, Map<Integer, Integer> pruned) {
                prunedAt.putAll(pruned);
            }
        }, (t, r) -> { });
        return TrialResult.of(task.key(), chosen.run(bound.cfg(), bound.registry()), rows, prunedAt);
    }

    private static synchronized Bound bind(String configText, String configDir, String sha) {
        Bound bound = CONFIGS.get(sha);
        if (bound == null) {
            Learners registry = Learners.load();
            Object tree = Trees.parseYaml(configText, "config " + sha.substring(0, Math.min(12, sha.length())));
            bound = new Bound(new ConfigBinder(registry, Path.of(configDir)).bind(tree), registry);
            CONFIGS.clear();
            CONFIGS.put(sha, bound);
        }
        return bound;
    }

    /** Loads under the lock on purpose: concurrent tasks of one dataset wait for one load instead of loading twice. */
    private static synchronized Map<TrialKey, Trial> plan(ExperimentConfig cfg, TrialTask task) {
        String key = task.configSha256() + "#" + task.datasetIndex();
        Map<TrialKey, Trial> plan = PLANS.get(key);
        if (plan == null) {
            plan = new LinkedHashMap<>();
            for (Trial t : Runner.planDataset(cfg, task.datasetIndex())) {
                plan.put(t.key(), t);
            }
            PLANS.put(key, plan);
            while (PLANS.size() > KEEP) {
                PLANS.remove(PLANS.keySet().iterator().next());
            }
        }
        return plan;
    }

    static String text(byte[] configBytes) {
        return new String(configBytes, StandardCharsets.UTF_8);
    }
}
