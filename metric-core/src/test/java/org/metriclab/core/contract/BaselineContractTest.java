package org.metriclab.core.contract;

import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.LearnerCatalog;

class BaselineContractTest extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new BaselineCatalog();
    }
}
