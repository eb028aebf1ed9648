package org.metriclab.experiments.run;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.resource.InsufficientMemoryException;

/**
 * Test-only learners that fail the ways a real learner can inside one trial (out of memory, a fit failure,
 * a memory preflight), and one that blocks until released, to hold a run open while another one starts.
 */
final class FailingLearners implements LearnerCatalog {
    static final String OUT_OF_MEMORY = "out_of_memory_test";
    static final String CANNOT_FIT = "cannot_fit_test";
    static final String TOO_BIG = "too_big_test";
    static final String BLOCKING = "blocking_test";
    /** Counted down when {@link #BLOCKING} starts fitting. */
    static volatile CountDownLatch entered = new CountDownLatch(1);
    /** {@link #BLOCKING} fits wait for this. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public String family() {
        return "test";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(new LearnerEntry(OUT_OF_MEMORY, "test: throws OutOfMemoryError", p -> (train, ctx) -> {
            throw new OutOfMemoryError("Java heap space");
        }), new LearnerEntry(CANNOT_FIT, "test: throws FitException", p -> (train, ctx) -> {
            throw new FitException(CANNOT_FIT, "the within-class scatter is singular", "use prior=identity");
        }), new LearnerEntry(TOO_BIG, "test: throws InsufficientMemoryException", p -> (train, ctx) -> {
            throw new InsufficientMemoryException("too_big_test needs about 12 GB, the heap allows 1 GB; use dims <= 100");
        }), new LearnerEntry(BLOCKING, "test: identity after waiting for release", p -> (train, ctx) -> {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("blocking_test was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return MahalanobisMetric.identity(train.dim());
        }));
    }
}
