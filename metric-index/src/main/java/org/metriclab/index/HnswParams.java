package org.metriclab.index;

/**
 * Settings of a hierarchical navigable small-world graph (Malkov and Yashunin, 2018).
 *
 * @param m              neighbours kept per node and layer (Lucene's maxConn); more gives higher recall, a larger
 *                       index and slower builds
 * @param efConstruction candidates examined while inserting a node (Lucene's beamWidth)
 */
public record HnswParams(int m, int efConstruction) {
    /** Lucene's bounds on maxConn and beamWidth. */
    public static final int MAX_M = 512;
    public static final int MAX_EF_CONSTRUCTION = 3200;
    /** The defaults of Lucene and of most HNSW libraries. */
    public static final HnswParams DEFAULT = new HnswParams(16, 100);

    public HnswParams {
        if (m < 2 || m > MAX_M) {
            throw new IllegalArgumentException("HNSW m = " + m + " is outside 2.." + MAX_M + "; 16 is a common choice");
        }
        if (efConstruction < 1 || efConstruction > MAX_EF_CONSTRUCTION) {
            throw new IllegalArgumentException("HNSW ef_construction = " + efConstruction + " is outside 1.." + MAX_EF_CONSTRUCTION
                    + "; 100 is a common choice");
        }
    }

    /** Checks a search beam width: at least 1 (a beam below k is widened to k by the search). */
    public static int requireEfSearch(int efSearch) {
        if (efSearch < 1) {
            throw new IllegalArgumentException("HNSW ef_search = " + efSearch + " must be at least 1; 64 is a common choice");
        }
        return efSearch;
    }
}
