package org.metriclab.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;

/**
 * The baselines on the stress sets against metric-learn 0.7.0 (stress_reference.csv): the identity
 * metric must match metric-learn's Euclidean k-NN exactly (it checks the table and the k-NN protocol),
 * and the inverse covariance must reach metric-learn's Covariance accuracy minus {@link #TOLERANCE} or
 * throw a FitException, never a non-finite or exploded embedding. metric-learn inverts the covariance
 * with scipy's pinvh, whose cut-off is d·eps·λ_max; the comparison uses that {@code rcond}, and our
 * default's accuracy is printed for the record (on {@code scales} the default cuts more directions).
 */
class StressReferenceTest {
    static final double TOLERANCE = 0.05;

    static final Map<String, String> NAMES = Map.of("Euclidean", "euclidean", "Covariance", "covariance");

    static Stream<Arguments> references() {
        List<Arguments> out = new ArrayList<>();
        for (String alg : List.of("Euclidean", "Covariance")) {
            for (StressReference r : StressReference.of(alg)) {
                out.add(Arguments.of(r.dataset(), alg, r));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("references")
    void reachesMetricLearnOrRefuses(String dataset, String algorithm, StressReference ref) {
        StressSet set = StressSet.load(dataset);
        Map<String, Object> params = algorithm.equals("Covariance") ? Map.of("rcond", set.train().dim() * Math.ulp(1.0))
                : Map.of();
        StressReference.Outcome outcome = StressReference.fit(
                Learners.of(List.of(new BaselineCatalog())).create(NAMES.get(algorithm), Params.of(params)), set, 0);
        System.out.println(ref.describe(outcome));
        if (algorithm.equals("Covariance")) {
            StressReference.Outcome byDefault = StressReference.fit(
                    Learners.of(List.of(new BaselineCatalog())).create("covariance", Params.of(Map.of())), set, 0);
            System.out.println(ref.describe(byDefault) + " (default rcond, for the record)");
        }
        assertNull(ref.verdict(outcome, TOLERANCE));
        if (algorithm.equals("Euclidean")) {
            StressReference.Outcome.Scored s = (StressReference.Outcome.Scored) outcome;
            assertEquals(ref.knn1(), s.knn1(), 1e-12, "1-NN of the raw features");
            assertEquals(ref.knn5(), s.knn5(), 1e-12, "5-NN of the raw features");
        }
    }
}
