package org.metriclab.experiments;

import java.util.List;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Progress;

/** Test-only learners: one that, like every supervised learner, refuses data with a single class; one that reports progress; one that counts its fits. */
public final class TwoClassCatalog implements LearnerCatalog {
    public static final String NAME = "needs_two_classes_test";
    public static final String CHATTY = "chatty_test";
    public static final String COUNTING = "counting_test";
    /** Fits of {@link #COUNTING} so far in this JVM. */
    public static final java.util.concurrent.atomic.AtomicInteger COUNTING_FITS = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String family() {
        return "test";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(new LearnerEntry(NAME, "test: identity after checking for two classes", p -> (train, ctx) -> {
            train.requireAtLeastTwoClasses(NAME);
            return MahalanobisMetric.identity(train.dim());
        }), new LearnerEntry(CHATTY, "test: identity, reporting two iterations, one epoch's loss and validation MAP@R, and a warning",
                p -> (train, ctx) -> {
            ctx.progress().iteration(1, 2.5);
            ctx.progress().iteration(2, 1.5);
            ctx.progress().measure(Progress.EPOCH_LOSS, 1, 2.0);
            ctx.progress().measure(Progress.VALIDATION_MAP_AT_R, 1, 0.25);
            ctx.progress().warn("iteration cap reached");
            return MahalanobisMetric.identity(train.dim());
        }), new LearnerEntry(COUNTING, "test: identity, counting its fits", p -> (train, ctx) -> {
            COUNTING_FITS.incrementAndGet();
            return MahalanobisMetric.identity(train.dim());
        }));
    }
}
