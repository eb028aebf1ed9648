package org.metriclab.core.learn;

import java.util.List;

/**
 * A module's list of learners, found through {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/org.metriclab.core.learn.LearnerCatalog}. Needs a public no-arg
 * constructor.
 */
public interface LearnerCatalog {
    /** A short family name for listings, e.g. "spectral". */
    String family();

    List<LearnerEntry> learners();
}
