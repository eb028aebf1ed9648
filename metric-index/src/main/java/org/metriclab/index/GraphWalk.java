package org.metriclab.index;

/**
 * The values the HNSW graph walk scores nodes with; either way the walk's candidates are re-ranked by exact
 * float64 distance, so the choice changes which rows become candidates, never the distances reported.
 */
public enum GraphWalk {
    /** The float32 vectors, as Lucene's own search scores them (four cache lines per 64-dimensional row). */
    FLOAT32,
    /** One signed byte per value, a single scale for all dimensions (one cache line per 64-dimensional row). */
    INT8;

    /** Parses {@code float32} or {@code int8} (any case). */
    public static GraphWalk parse(String name) {
        for (GraphWalk w : values()) {
            if (w.name().equalsIgnoreCase(name.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("graph walk '" + name + "' is not float32 or int8; use one of those");
    }
}
