package org.metriclab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.run.Trial;

/**
 * A trial's outcome as it travels from an executor to the driver ({@code failure} null when the trial succeeded).
 * A tuned trial also carries its search's new tuning.csv lines and the candidates successive halving stopped
 * early (candidate number to rung); both are empty otherwise.
 */
record TrialResult(TrialKey key, ArrayList<ResultRow> rows, ArrayList<CurvePoint> curve, String failure, double seconds,
        ArrayList<String> tuningRows, HashMap<Integer, Integer> prunedAt) implements Serializable {
    static TrialResult of(TrialKey key, Trial.Outcome o) {
        return of(key, o, List.of(), new HashMap<>());
    }

    static TrialResult of(TrialKey key, Trial.Outcome o, List<String> tuningRows, HashMap<Integer, Integer> prunedAt) {
        return new TrialResult(key, new ArrayList<>(o.rows()), new ArrayList<>(o.curve()), o.failure().orElse(null), o.seconds(),
                new ArrayList<>(tuningRows), prunedAt);
    }

    Trial.Outcome outcome() {
        return new Trial.Outcome(List.copyOf(rows), List.copyOf(curve), Optional.ofNullable(failure), seconds);
    }
}
