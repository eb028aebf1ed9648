package org.metriclab.experiments.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metriclab.eval.Measure;
import org.metriclab.eval.MeasureDirection;
import org.metriclab.eval.RetrievalMeasure;
import org.metriclab.eval.RetrievalMeasures;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * Measure names as metric-eval knows them. A name is accepted when metric-eval parses it as a built-in (including the
 * accepted but unlisted default-convention suffix, e.g. {@code precision_at_5_pml}), when {@link RetrievalEvaluator#measureNames()}
 * lists it, or matches a listed template in which {@code <k>} stands for a positive integer
 * (e.g. {@code precision_at_<k>} accepts {@code precision_at_10}).
 */
public final class Measures {
    private Measures() {
    }

    public static List<String> names() {
        return RetrievalEvaluator.measureNames();
    }

    public static List<String> defaults() {
        return RetrievalEvaluator.defaultMeasures();
    }

    public static boolean isKnown(String measure) {
        if (isBuiltIn(measure)) {
            return true;
        }
        for (String n : names()) {
            if (n.equals(measure)) {
                return true;
            }
            if (n.contains("<k>")) {
                String regex = Pattern.quote(n).replace("<k>", "\\E[1-9][0-9]*\\Q");
                if (measure.matches(regex)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An error message for a tuning objective that is not a higher-is-better score (tuning maximises the validation
     * mean), or the {@link #problem} of an unknown name; empty when the name is a known higher-is-better score.
     */
    public static Optional<String> rankingProblem(String measure) {
        Optional<String> unknown = problem(measure);
        if (unknown.isPresent() || direction(measure) == MeasureDirection.HIGHER_IS_BETTER) {
            return unknown;
        }
        return Optional.of("measure '" + measure + "' is " + (direction(measure) == MeasureDirection.LOWER_IS_BETTER
                ? "an error rate (lower is better)" : "a threshold or count (not ranked)") + ", and tuning maximises its objective; "
                + "select by a higher-is-better score such as tar_at_far_<x> or mean_average_precision_at_r");
    }

    /**
     * Which way a measure's values are better: a built-in's {@link Measure#direction()}, a registered measure's
     * {@link RetrievalMeasure#direction()}; the protocol measures (dir_at_far, validated_tar_at_far) and names that
     * neither metric-eval nor a registered measure knows (a rows.csv from a class path with other extensions) are scores.
     */
    public static MeasureDirection direction(String measure) {
        if (isBuiltIn(measure)) {
            return Measure.parse(measure).direction();
        }
        if (ProtocolMeasure.parse(measure).isPresent()) {
            return MeasureDirection.HIGHER_IS_BETTER;
        }
        return RetrievalMeasures.load().find(measure).map(RetrievalMeasure::direction).orElse(MeasureDirection.HIGHER_IS_BETTER);
    }

    /** Whether metric-eval's built-in parser knows the name (measures registered through the SPI are scores by contract). */
    private static boolean isBuiltIn(String measure) {
        try {
            Measure.parse(measure);
            return true;
        } catch (IllegalArgumentException registered) {
            return false;
        }
    }

    /**
     * The name under which the evaluator reports a built-in measure ({@code precision_at_5_pml} is
     * {@code precision_at_5}); other names unchanged.
     */
    public static String canonical(String measure) {
        return isBuiltIn(measure) ? Measure.parse(measure).name() : measure;
    }

    /** An error message for an unknown name, or empty when the name is known. */
    public static Optional<String> problem(String measure) {
        if (isKnown(measure)) {
            return Optional.empty();
        }
        return Optional.of("unknown measure '" + measure + "'; known: " + String.join(", ", names()));
    }
}
