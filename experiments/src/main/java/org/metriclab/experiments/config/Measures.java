package org.metriclab.experiments.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * Measure names as metric-eval knows them. A name is accepted when {@link RetrievalEvaluator#measureNames()}
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

    /** An error message for an unknown name, or empty when the name is known. */
    public static Optional<String> problem(String measure) {
        if (isKnown(measure)) {
            return Optional.empty();
        }
        return Optional.of("unknown measure '" + measure + "'; known: " + String.join(", ", names()));
    }
}
