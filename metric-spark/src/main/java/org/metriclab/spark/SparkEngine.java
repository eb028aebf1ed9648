package org.metriclab.spark;

import org.metriclab.experiments.run.TrialExecutor;

/**
 * The {@code spark} engine of {@code metriclab run --engine spark [--master URL]}: opens a Spark session
 * ({@link Sessions}) and runs the trials on it ({@link SparkTrialExecutor}); the session stops with the run.
 * {@code --threads N} picks {@code local[N]} when no master is given.
 */
public final class SparkEngine implements TrialExecutor.Engine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrialExecutor open(TrialExecutor.Request request) {
        return new SparkTrialExecutor(Sessions.open(request.master(), request.threads(), "metriclab"), true,
                request.configBytes(), request.configDir());
    }
}
