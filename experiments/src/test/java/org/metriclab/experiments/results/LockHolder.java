package org.metriclab.experiments.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link ResultsLockTest}: locks the results directory given as the only argument,
 * prints "locked", and holds the lock until its standard input ends.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (ResultsLock lock = ResultsLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our standard input
            }
        }
    }
}
