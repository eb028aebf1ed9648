package org.metriclab.core.resource;

/** Work refused before allocation because its estimated memory exceeds the heap; the message says the need, the limit and the way out. */
public final class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
