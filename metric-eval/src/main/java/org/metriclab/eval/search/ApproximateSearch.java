package org.metriclab.eval.search;

import java.util.ServiceLoader;
import org.metriclab.eval.knn.EmbeddingRows;

/**
 * Builds approximate indexes for {@link SearchSpec.Hnsw}. This module only declares the interface, so it keeps no
 * index library on its class path; the metric-index module implements it and registers the implementation in
 * {@code META-INF/services/org.metriclab.eval.search.ApproximateSearch}.
 */
public interface ApproximateSearch {
    /** A new index over {@code references} with the graph settings of {@code spec}. */
    ApproximateIndex build(EmbeddingRows references, SearchSpec.Hnsw spec);

    /**
     * The first provider on the class path.
     *
     * @throws IllegalArgumentException naming the missing module when there is none
     */
    static ApproximateSearch require() {
        return ServiceLoader.load(ApproximateSearch.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "search type hnsw needs the metric-index module, which is not on the class path; add the metric-index jar"
                        + " (the metriclab launcher includes it) or use search: {type: exact}"));
    }
}
