package org.metriclab.core.data;

/** A data file that cannot be read as the expected format; the message names the file, line and expectation. */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
