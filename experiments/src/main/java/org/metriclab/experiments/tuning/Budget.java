package org.metriclab.experiments.tuning;

import java.util.Map;

/** How much search each learner gets per outer split and seed: a number of candidates or a wall-clock time. */
public sealed interface Budget {
    /** Whether another candidate may start after {@code done} candidates and {@code elapsedSeconds} of searching. */
    boolean allowsAnother(int done, double elapsedSeconds);

    /** Whether an already started candidate may move on to a further rung after {@code elapsedSeconds} of searching. */
    boolean allowsPromotion(double elapsedSeconds);

    Map<String, Object> toTree();

    /** Exactly {@code count} candidates. */
    record Trials(int count) implements Budget {
        public Trials {
            if (count < 1) {
                throw new IllegalArgumentException("trials must be at least 1, found " + count);
            }
        }

        @Override
        public boolean allowsAnother(int done, double elapsedSeconds) {
            return done < count;
        }

        /** A fixed number of candidates finishes every promotion they earn. */
        @Override
        public boolean allowsPromotion(double elapsedSeconds) {
            return true;
        }

        @Override
        public Map<String, Object> toTree() {
            return Map.of("trials", count);
        }
    }

    /** Candidates until {@code seconds} have passed (at least one candidate); the count then depends on the machine. */
    record Seconds(double seconds) implements Budget {
        public Seconds {
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("seconds must be a positive number, found " + seconds);
            }
        }

        @Override
        public boolean allowsAnother(int done, double elapsedSeconds) {
            return done == 0 || elapsedSeconds < seconds;
        }

        @Override
        public boolean allowsPromotion(double elapsedSeconds) {
            return elapsedSeconds < seconds;
        }

        @Override
        public Map<String, Object> toTree() {
            return Map.of("seconds", seconds);
        }
    }
}
