package org.metriclab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.DegradationRow;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.run.Trial;

/**
 * A trial's outcome as it travels from an executor to the driver ({@code failure} null when the trial succeeded), with
 * everything the local engine writes: rows, fit curve, retrieval curves and, for an approximate search compared to
 * exact search, the degradation report's lines. A tuned trial also carries its search's new tuning.csv lines and the candidates successive halving stopped
 * early (candidate number to rung); both are empty otherwise.
 */
record TrialResult(TrialKey key, ArrayList<ResultRow> rows, ArrayList<CurvePoint> curve, ArrayList<RetrievalCurvePoint> evaluationCurves,
        String failure, double seconds, ArrayList<DegradationRow> degradation, ArrayList<String> tuningRows, HashMap<Integer, Integer> prunedAt)
        implements Serializable {
    static TrialResult of(TrialKey key, Trial.Outcome o) {
        return of(key, o, List.of(), new HashMap<>());
    }

    static TrialResult of(TrialKey key, Trial.Outcome o, List<String> tuningRows, HashMap<Integer, Integer> prunedAt) {
        return new TrialResult(key, new ArrayList<>(o.rows()), new ArrayList<>(o.curve()), new ArrayList<>(o.evaluationCurves()),
                o.failure().orElse(null), o.seconds(), new ArrayList<>(o.degradation()), new ArrayList<>(tuningRows), prunedAt);
    }

    Trial.Outcome outcome() {
        return new Trial.Outcome(List.copyOf(rows), List.copyOf(curve), List.copyOf(evaluationCurves), Optional.ofNullable(failure), seconds,
                List.copyOf(degradation));
    }
}
