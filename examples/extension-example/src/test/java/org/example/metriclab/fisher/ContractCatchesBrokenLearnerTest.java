package org.example.metriclab.fisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs the shared contract on deliberately broken learners and checks that it fails them, with which message. */
class ContractCatchesBrokenLearnerTest {
    /** A failed contract check: the test's display name (with the learner) and its failure message. */
    record Failure(String test, String learner, String message) {
    }

    static List<Failure> runContract(Class<?> contract) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        List<Failure> out = new ArrayList<>();
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            String method = f.getTestIdentifier().getUniqueId().replaceAll(".*\\[test-template:([^(]+)\\(.*", "$1");
            out.add(new Failure(method, f.getTestIdentifier().getDisplayName(), f.getException().getMessage()));
        }
        assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount() + summary.getTestsFailedCount(),
                "every contract check ran");
        return out;
    }

    @Test
    void theContractFailsTheBrokenLearnersAndSaysWhy() {
        List<Failure> failures = runContract(BrokenCatalogContract.class);
        failures.forEach(f -> System.out.println("contract failure: " + f.test() + "[" + f.learner() + "]: " + f.message()));

        List<Failure> unseeded = failures.stream().filter(f -> f.learner().equals(BrokenCatalog.UNSEEDED)).toList();
        assertEquals(1, unseeded.size(), "only determinism fails for the unseeded learner: " + unseeded);
        assertEquals("sameSeedGivesTheSameModelAndInputsStayUntouched", unseeded.get(0).test());
        assertTrue(unseeded.get(0).message().startsWith("unseeded_scaling: same seed, different model"), unseeded.get(0).message());

        List<Failure> asymmetric = failures.stream().filter(f -> f.learner().equals(BrokenCatalog.ASYMMETRIC)).toList();
        assertEquals(1, asymmetric.size(), "only the metric axioms fail for the asymmetric learner: " + asymmetric);
        assertEquals("givesAPseudoMetricThatAgreesWithItsEmbedding", asymmetric.get(0).test());
        assertTrue(asymmetric.get(0).message().startsWith("asymmetric_distance: not symmetric"), asymmetric.get(0).message());
        assertEquals(2, failures.size(), failures.toString());
    }

    @Test
    void theSameLauncherPassesTheRealLearner() {
        assertEquals(List.of(), runContract(FisherContractTest.class));
    }
}
