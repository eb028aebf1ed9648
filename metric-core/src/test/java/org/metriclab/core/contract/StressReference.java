package org.metriclab.core.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.linalg.Matrix;

/**
 * One row of {@code /stress/stress_reference.csv}: metric-learn 0.7.0's test 1-NN / 5-NN accuracy of one
 * learner on one {@link StressSet}, or that metric-learn failed there (raised, or embedded to non-finite
 * values). benchmarks/scripts/stress_reference.py wrote the table; only its numbers are committed.
 *
 * @param dataset   the stress set
 * @param algorithm metric-learn's class name, e.g. {@code ITML_Supervised}
 * @param ok        whether metric-learn produced a finite embedding
 * @param knn1      metric-learn's 1-NN test accuracy (NaN when it failed)
 * @param knn5      metric-learn's 5-NN test accuracy (NaN when it failed)
 * @param params    metric-learn's parameters, {@code key=value} separated by spaces
 * @param error     metric-learn's error when it failed, else empty
 */
public record StressReference(String dataset, String algorithm, boolean ok, double knn1, double knn5, String params,
        String error) {
    /** An embedding coordinate this many times larger than the largest input coordinate counts as exploded. */
    public static final double EXPLODED = 1e8;

    /** All rows of the reference table. */
    public static List<StressReference> all() {
        List<StressReference> out = new ArrayList<>();
        try (BufferedReader in = StressSet.reader("/stress/stress_reference.csv")) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    String[] c = line.split(",", -1);
                    boolean ok = c[2].equals("ok");
                    out.add(new StressReference(c[0], c[1], ok, ok ? Double.parseDouble(c[3]) : Double.NaN,
                            ok ? Double.parseDouble(c[4]) : Double.NaN, c[5], c[6]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The rows of one metric-learn algorithm, one per stress set. */
    public static List<StressReference> of(String algorithm) {
        List<StressReference> rows = all().stream().filter(r -> r.algorithm.equals(algorithm)).toList();
        if (rows.size() != StressSet.NAMES.size()) {
            throw new IllegalStateException("stress_reference.csv has " + rows.size() + " rows for " + algorithm);
        }
        return rows;
    }

    /** metric-learn's parameters as a map from name to its Python text. */
    public java.util.Map<String, String> mlParams() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : params.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    /** What our learner did on a stress set. */
    public sealed interface Outcome {
        /** A fitted metric: test accuracies and the largest |coordinate| of the embedded rows relative to the input's. */
        record Scored(double knn1, double knn5, double growth) implements Outcome {
        }

        /** The learner refused the data with an exception meant for the user. */
        record Refused(RuntimeException reason) implements Outcome {
        }
    }

    /**
     * Fits on the train rows and scores on the test rows. A {@link FitException} or an
     * IllegalArgumentException (input rejected up front) is a {@link Outcome.Refused}; any other
     * exception propagates, failing the test.
     */
    public static Outcome fit(MetricLearner<?> learner, StressSet set, long seed) {
        LearnedMetric m;
        try {
            m = learner.fit(set.train(), FitContext.seeded(seed));
        } catch (FitException | IllegalArgumentException e) {
            return new Outcome.Refused(e);
        }
        Matrix ref = m.embed(set.train().x());
        Matrix q = m.embed(set.test().x());
        double growth = Math.max(maxAbs(ref), maxAbs(q)) / Math.max(1e-300, maxAbs(set.train().x()));
        if (!Double.isFinite(growth)) {
            return new Outcome.Scored(Double.NaN, Double.NaN, growth);
        }
        int[] refLabels = set.train().labels().toArray();
        int[] qLabels = set.test().labels().toArray();
        return new Outcome.Scored(SharedProtocol.knnAccuracy(ref, refLabels, q, qLabels, 1),
                SharedProtocol.knnAccuracy(ref, refLabels, q, qLabels, 5), growth);
    }

    /**
     * Null when the outcome is acceptable against this reference with the given accuracy tolerance,
     * else why not. Acceptable: a {@link FitException} (never a silent bad result); an
     * IllegalArgumentException only where metric-learn failed as well; a finite, not exploded and not
     * all-zero embedding whose 1-NN and 5-NN accuracies are at least metric-learn's minus the tolerance (any such
     * embedding where metric-learn failed).
     */
    public String verdict(Outcome outcome, double tolerance) {
        String where = algorithm + " on " + dataset + ": ";
        if (outcome instanceof Outcome.Refused r) {
            if (r.reason() instanceof FitException || !ok) {
                return null;
            }
            return where + "refused with " + r.reason() + " where metric-learn reached " + knn1 + "/" + knn5
                    + "; a learner that cannot fit must throw FitException";
        }
        Outcome.Scored s = (Outcome.Scored) outcome;
        if (!(s.growth() <= EXPLODED)) {
            return where + "non-finite or exploded embedding (max |z| / max |x| = " + s.growth() + ") returned silently";
        }
        if (s.growth() == 0) {
            return where + "every row embedded to the origin (a zero metric) returned silently";
        }
        if (ok && (s.knn1() < knn1 - tolerance || s.knn5() < knn5 - tolerance)) {
            return where + "1-NN " + s.knn1() + ", 5-NN " + s.knn5() + " below metric-learn's " + knn1 + ", " + knn5 + " - "
                    + tolerance;
        }
        return null;
    }

    /**
     * Fits {@code learner} on {@code set} (seed 0), prints the account ({@link #describe}) to the test log
     * and returns the {@link #verdict}: null when the outcome is acceptable.
     */
    public String check(MetricLearner<?> learner, StressSet set, double tolerance) {
        Outcome outcome = fit(learner, set, 0);
        System.out.println(describe(outcome));
        return verdict(outcome, tolerance);
    }

    /** The references of the given metric-learn algorithms, sorted by algorithm name, each in file order. */
    public static List<StressReference> ofAll(java.util.Collection<String> algorithms) {
        List<StressReference> out = new java.util.ArrayList<>();
        for (String alg : algorithms.stream().sorted().toList()) {
            out.addAll(of(alg));
        }
        return out;
    }

    /** A one-line account of an outcome next to this reference, for the test log. */
    public String describe(Outcome outcome) {
        String ml = ok ? String.format("%.3f/%.3f", knn1, knn5) : "failed (" + error + ")";
        String ours = outcome instanceof Outcome.Scored s
                ? String.format("%.3f/%.3f (growth %.3g)", s.knn1(), s.knn5(), s.growth())
                : "refused: " + ((Outcome.Refused) outcome).reason().getMessage();
        return String.format("[stress] %-16s %-16s metric-learn %s, ours %s", dataset, algorithm, ml, ours);
    }

    private static double maxAbs(Matrix m) {
        double max = 0;
        for (double v : m.toArray()) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
