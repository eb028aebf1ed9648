package org.metriclab.experiments.config;

/**
 * An invalid experiment configuration. The message starts with the path of the offending value,
 * e.g. {@code learners[2].params.kk: unknown parameter 'kk' for learner 'lfda'; known: dims, k, weighting}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public ConfigException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    /** The path of the offending value ("" for the whole document). */
    public String path() {
        return path;
    }
}
