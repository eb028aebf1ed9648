package org.metriclab.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.metriclab.core.learn.Params;
import org.metriclab.core.stochastic.Distribution;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.results.Provenance;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.Trial;
import org.metriclab.experiments.run.TrialExecutor;
import org.metriclab.experiments.run.TuningTrialExecutor;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a run's pending trials as Spark tasks: one partition (task) per trial, in config order, so the
 * trials of one dataset are scheduled together; each executor binds the config and loads a dataset once
 * ({@link TrialWorker}). Outcomes stream back to the driver as tasks finish (Spark's job result handler)
 * and go to the {@link TrialExecutor.Sink}, i.e. into rows.csv, so an interrupted run resumes exactly like
 * a local one. Trials compute the same rows as the local engine: same plan, same seeds, same code.
 *
 * <p>A trial with a tuned learner runs its whole hyperparameter search inside its task (candidates of one
 * search run one after another; searches of different trials run in parallel), then its chosen parameters;
 * the search's tuning.csv rows come back with the outcome and are written before its rows.csv lines, so a
 * resumed run gives each task the evaluations it already has. Search progress is not streamed from executors.
 *
 * <p>A trial whose learner fits on the cluster itself ({@code engine: spark}, the stochastic solvers' data-parallel
 * gradients) cannot run inside a task, since only the driver submits Spark jobs: such trials run one after another on
 * the driver once the task trials are done, and their fits spread each step's batch over the executors.
 *
 * <p>Executors need the datasets at the same paths as the driver (built-in datasets travel in the jar;
 * CSV/IDX paths must be on a shared file system).
 */
public final class SparkTrialExecutor implements TuningTrialExecutor {
    private final SparkSession session;
    private final boolean ownsSession;
    private final String configText;
    private final String configDir;
    private final String configSha;

    /**
     * @param session     the session to run on
     * @param ownsSession true to stop the session in {@link #close()}
     * @param configBytes the config file as read by the driver (executors rebind it)
     * @param configDir   the config file's directory (absolute; relative dataset paths resolve against it)
     */
    public SparkTrialExecutor(SparkSession session, boolean ownsSession, byte[] configBytes, Path configDir) {
        this.session = session;
        this.ownsSession = ownsSession;
        this.configText = TrialWorker.text(configBytes);
        this.configDir = configDir.toAbsolutePath().toString();
        this.configSha = Provenance.sha256(configBytes);
    }

    @Override
    public int parallelism() {
        return session.sparkContext().defaultParallelism();
    }

    @Override
    public void execute(ExperimentConfig cfg, List<Trial> pending, Sink sink) {
        execute(cfg, pending, Optional.empty(), sink);
    }

    @Override
    public void execute(ExperimentConfig cfg, List<Trial> pending, Tuning tuning, Sink sink) {
        execute(cfg, pending, Optional.of(tuning), sink);
    }

    private void execute(ExperimentConfig cfg, List<Trial> pending, Optional<Tuning> tuning, Sink sink) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Integer> datasetIndex = new HashMap<>();
        for (int i = 0; i < cfg.datasets().size(); i++) {
            datasetIndex.put(cfg.datasets().get(i).name(), i);
        }
        List<TrialTask> tasks = new ArrayList<>();
        List<TrialTask> onDriver = new ArrayList<>();
        Map<TrialKey, Trial> byKey = new HashMap<>();
        for (Trial t : pending) {
            // a train_sizes variant "<dataset> (n=<size>)" is planned with its dataset
            ArrayList<String> finished = new ArrayList<>();
            tuning.ifPresent(log -> log.finished(t.key()).values().forEach(rows -> rows.forEach(r -> finished.add(r.toCsvLine()))));
            (fitsAcrossExecutors(t) ? onDriver : tasks).add(new TrialTask(configSha, datasetIndex.get(t.key().dataset()), t.key(), finished));
            byKey.put(t.key(), t);
        }
        Deliver deliver = new Deliver(byKey, tuning.orElse(null), sink);
        String text = configText;
        String dir = configDir;
        if (!tasks.isEmpty()) {
            JavaSparkContext sc = Sessions.context(session);
            JavaRDD<TrialResult> results = sc.parallelize(tasks, tasks.size()).map(task -> TrialWorker.run(text, dir, task));
            sc.setJobDescription("metriclab " + cfg.name() + ": " + tasks.size() + " trials");
            try {
                session.sparkContext().runJob(results.rdd(), new CollectPartition(), deliver,
                        scala.reflect.ClassTag$.MODULE$.apply(TrialResult[].class));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the Spark job failed (completed trials are saved; continue with --resume): " + rootMessage(e), e);
            }
        }
        for (TrialTask task : onDriver) {
            // the learner's own fit runs Spark jobs (engine: spark), which only the driver can submit
            session.sparkContext().setJobDescription("metriclab " + cfg.name() + ": distributed fit of " + task.key());
            deliver.apply(null, new TrialResult[] {TrialWorker.run(text, dir, task)});
        }
    }

    /** True when the trial's learner asks to fit on this cluster ({@code engine: spark}), not inside one task. */
    static boolean fitsAcrossExecutors(Trial trial) {
        Object engine = trial.learner().resolvedParams().get("engine");
        return engine != null && Distribution.from(Params.of(Map.of("engine", engine))).engine() != Distribution.Engine.LOCAL;
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        if (ownsSession) {
            session.stop();
        }
    }

    /** Executor side: the results of one partition (one trial). */
    private static final class CollectPartition extends AbstractFunction1<Iterator<TrialResult>, TrialResult[]> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public TrialResult[] apply(Iterator<TrialResult> it) {
            List<TrialResult> out = new ArrayList<>(1);
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out.toArray(new TrialResult[0]);
        }
    }

    /** Driver side, called as each task finishes: hands the outcomes to the run's sink. */
    private static final class Deliver extends AbstractFunction2<Object, TrialResult[], BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Map<TrialKey, Trial> trials;
        private final transient Tuning tuning;
        private final transient Sink sink;

        /** @param tuning where searches' rows go, null when the run tunes nothing */
        Deliver(Map<TrialKey, Trial> trials, Tuning tuning, Sink sink) {
            this.trials = trials;
            this.tuning = tuning;
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, TrialResult[] results) {
            for (TrialResult r : results) {
                Trial t = trials.get(r.key());
                if (t == null) {
                    throw new IllegalStateException("Spark returned a result for " + r.key() + ", which this run did not ask for");
                }
                if (tuning != null && (!r.tuningRows().isEmpty() || !r.prunedAt().isEmpty())) {
                    tuning.searched(r.key(), r.tuningRows().stream().map(TuningRow::fromCsvLine).toList(), r.prunedAt());
                }
                sink.completed(t, r.outcome());
            }
            return BoxedUnit.UNIT;
        }
    }
}
