package org.metriclab.eval.search;

import java.util.HashSet;
import java.util.List;

/**
 * How the neighbours behind the retrieval measures are found: exactly (the tiled engine, the default) or through an
 * approximate HNSW index that an {@link ApproximateSearch} provider builds over the references.
 */
public sealed interface SearchSpec permits SearchSpec.Exact, SearchSpec.Hnsw {
    /** The exact engine. */
    SearchSpec EXACT = new Exact();

    /** Exact search over every reference. */
    record Exact() implements SearchSpec {
    }

    /**
     * Search through a hierarchical navigable small-world graph (Malkov and Yashunin, 2018).
     *
     * @param m              neighbours kept per node and layer
     * @param efConstruction candidates examined while inserting a node
     * @param efSearch       search beam widths: one setting, or a sweep (which needs {@code compareExact})
     * @param compareExact   also search exactly and report each measure exact beside approximate, with recall@k
     * @param recallK        the k of the index's recall@k against exact search
     */
    record Hnsw(int m, int efConstruction, List<Integer> efSearch, boolean compareExact, int recallK) implements SearchSpec {
        public static final int DEFAULT_M = 16;
        public static final int DEFAULT_EF_CONSTRUCTION = 100;
        public static final int DEFAULT_EF_SEARCH = 64;
        public static final int DEFAULT_RECALL_K = 10;
        /** The graph library's bounds on m and ef_construction. */
        public static final int MAX_M = 512;
        public static final int MAX_EF_CONSTRUCTION = 3200;

        public Hnsw {
            if (m < 2 || m > MAX_M) {
                throw new IllegalArgumentException("m = " + m + " is outside 2.." + MAX_M + "; 16 is a common choice");
            }
            if (efConstruction < 1 || efConstruction > MAX_EF_CONSTRUCTION) {
                throw new IllegalArgumentException("ef_construction = " + efConstruction + " is outside 1.." + MAX_EF_CONSTRUCTION
                        + "; 100 is a common choice");
            }
            efSearch = List.copyOf(efSearch);
            if (efSearch.isEmpty()) {
                throw new IllegalArgumentException("ef_search is empty; give one beam width such as 64, or a list to sweep");
            }
            for (int ef : efSearch) {
                if (ef < 1) {
                    throw new IllegalArgumentException("ef_search = " + ef + " must be at least 1; 64 is a common choice");
                }
            }
            if (new HashSet<>(efSearch).size() != efSearch.size()) {
                throw new IllegalArgumentException("ef_search " + efSearch + " lists a value twice; list each beam width once");
            }
            if (efSearch.size() > 1 && !compareExact) {
                throw new IllegalArgumentException("ef_search " + efSearch + " is a sweep, which is measured against exact search;"
                        + " add compare_exact: true or give one ef_search");
            }
            if (recallK < 1) {
                throw new IllegalArgumentException("recall_k = " + recallK + " must be at least 1; 10 is the common choice");
            }
        }

        /** One setting with the defaults of Lucene and most HNSW libraries. */
        public static Hnsw defaults() {
            return new Hnsw(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, List.of(DEFAULT_EF_SEARCH), false, DEFAULT_RECALL_K);
        }

        /** The beam width whose measures stand in for the exact ones when exact search is not compared: the first listed. */
        public int primaryEfSearch() {
            return efSearch.get(0);
        }
    }
}
