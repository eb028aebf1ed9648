package org.example.metriclab.fisher;

import org.metriclab.core.contract.LearnerContract;
import org.metriclab.core.learn.LearnerCatalog;

/**
 * The shared contract over {@link BrokenCatalog}. Its name does not match surefire's test patterns, so
 * the build does not run it directly; {@link ContractCatchesBrokenLearnerTest} runs it through the
 * JUnit Platform Launcher and expects it to fail.
 */
public class BrokenCatalogContract extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new BrokenCatalog();
    }
}
