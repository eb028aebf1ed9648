package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.learn.Progress;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.TrialKey;

/**
 * The {@link Progress} a trial's learner reports to: objective values (curve {@code objective}) and named
 * measures (e.g. {@code epoch_loss}, {@code validation_map_at_r}) become curve points, warnings go into the rows.
 */
final class TrialRecorder implements Progress {
    private final TrialKey key;
    private final List<CurvePoint> points = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    TrialRecorder(TrialKey key) {
        this.key = key;
    }

    @Override
    public synchronized void iteration(int iteration, double objective) {
        points.add(new CurvePoint(key, CurvePoint.OBJECTIVE, iteration, objective));
    }

    @Override
    public synchronized void measure(String name, int step, double value) {
        points.add(new CurvePoint(key, name, step, value));
    }

    @Override
    public synchronized void finished(int iterations, double objective, boolean converged) {
        if (!converged) {
            warnings.add("did not converge in " + iterations + " iterations (objective " + objective + ")");
        }
    }

    @Override
    public synchronized void warn(String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
        }
    }

    synchronized List<CurvePoint> points() {
        return List.copyOf(points);
    }

    synchronized String warnings() {
        return String.join("; ", warnings);
    }
}
