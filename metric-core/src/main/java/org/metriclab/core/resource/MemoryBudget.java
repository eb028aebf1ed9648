package org.metriclab.core.resource;

import java.util.Locale;

/**
 * Refuses work whose estimated memory does not fit the heap before anything is allocated, so a
 * too-large fit, evaluation or bootstrap ends with one line naming the need, the limit and the way
 * out instead of an {@link OutOfMemoryError} part-way through.
 */
public final class MemoryBudget {
    /** Bytes of one {@code double}. */
    public static final long DOUBLE = Double.BYTES;

    private MemoryBudget() {
    }

    /** The most heap this JVM may use, in bytes. */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Bytes of {@code count} values of {@code bytesEach} bytes, saturating at {@link Long#MAX_VALUE}
     * instead of overflowing, so a product of huge declared shapes still compares as "too large".
     */
    public static long bytes(long count, long bytesEach) {
        if (count < 0 || bytesEach < 0) {
            throw new IllegalArgumentException("a size must be non-negative, got " + count + " x " + bytesEach);
        }
        return Math.multiplyHigh(count, bytesEach) != 0 || count * bytesEach < 0 ? Long.MAX_VALUE : count * bytesEach;
    }

    /** {@code a · b · c} values of {@code bytesEach} bytes, saturating like {@link #bytes}. */
    public static long bytes(long a, long b, long bytesEach) {
        return bytes(a, bytes(b, bytesEach));
    }

    /**
     * Throws {@link InsufficientMemoryException} when {@code needed} bytes exceed what the heap
     * allows (its maximum less what is in use now).
     *
     * @param needed the estimated bytes
     * @param what   what needs them, e.g. {@code "lfda on 60 x 10000 (two d x d scatters)"}
     * @param wayOut how to make it fit, e.g. {@code "set dims or reduce the features with pca"}
     */
    public static void require(long needed, String what, String wayOut) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > available) {
            throw new InsufficientMemoryException(what + " needs about " + gigabytes(needed)
                    + ", the heap allows " + gigabytes(available) + "; " + wayOut
                    + " (or raise the heap, e.g. JAVA_OPTS=-Xmx16g)");
        }
    }

    /** A byte count for a message, e.g. {@code 6.3 GB} or {@code 512 MB}. */
    public static String gigabytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        double gb = bytes / 1e9;
        return gb >= 1 ? String.format(Locale.ROOT, "%.1f GB", gb) : String.format(Locale.ROOT, "%.0f MB", Math.max(1, bytes / 1e6));
    }
}
