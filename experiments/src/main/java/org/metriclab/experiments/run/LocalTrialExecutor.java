package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ExperimentConfig;

/** The default {@link TrialExecutor}: a fixed pool of daemon threads in this JVM. */
final class LocalTrialExecutor implements TrialExecutor {
    private final Learners registry;
    private final int threads;

    LocalTrialExecutor(Learners registry, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        this.registry = registry;
        this.threads = threads;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void execute(ExperimentConfig cfg, List<Trial> pending, Sink sink) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "metriclab-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            if (cfg.warmup()) {
                // untimed runs of each learner variant's first pending trial, before any timed trial starts
                Map<String, Trial> first = new LinkedHashMap<>();
                for (Trial t : pending) {
                    first.putIfAbsent(t.learner().label(), t);
                }
                List<Future<?>> warm = new ArrayList<>();
                for (Trial t : first.values()) {
                    warm.add(pool.submit(() -> t.warmUp(cfg, registry)));
                }
                for (Future<?> f : warm) {
                    f.get();
                }
            }
            List<Future<?>> futures = new ArrayList<>();
            for (Trial t : pending) {
                futures.add(pool.submit(() -> sink.completed(t, t.run(cfg, registry))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            // Trial.run turns learner failures into failed rows, so what arrives here is a sink failure
            // (rows.csv cannot be written) or a bug; either keeps its own type so the CLI reports it as such
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a trial crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
