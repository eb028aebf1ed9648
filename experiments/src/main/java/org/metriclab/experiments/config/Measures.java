package org.metriclab.experiments.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metriclab.eval.Measure;
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
     * An error message for a measure that results tables cannot rank (they rank, bold and test
     * higher-is-better scores only), or the {@link #problem} of an unknown name; empty when the name is a
     * known higher-is-better score. Used for run configs and tuning objectives.
     */
    public static Optional<String> rankingProblem(String measure) {
        Optional<String> unknown = problem(measure);
        if (unknown.isPresent() || !isBuiltIn(measure) || Measure.parse(measure).kind().higherIsBetter()) {
            return unknown;
        }
        return Optional.of("measure '" + measure + "' is not a higher-is-better score, and run tables rank, mark the best "
                + "and test scores that way; use tar_at_far_<x> in runs, and metriclab evaluate for error rates, "
                + "thresholds and pair counts");
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
