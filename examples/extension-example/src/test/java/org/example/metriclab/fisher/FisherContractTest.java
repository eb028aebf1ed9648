package org.example.metriclab.fisher;

import org.metriclab.core.contract.LearnerContract;
import org.metriclab.core.learn.LearnerCatalog;

/** The shared contract (metric axioms, determinism, untouched inputs, params round-trip, clear errors) for this extension. */
class FisherContractTest extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new FisherCatalog();
    }
}
