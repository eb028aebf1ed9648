package org.metriclab.index;

import java.io.Closeable;

/**
 * An approximate nearest-neighbour graph over the rows of a gallery: for a query it returns candidate rows (in
 * no particular order), which the caller re-ranks by exact distance.
 */
public interface GraphSearcher extends Closeable {
    /**
     * About {@code ef} candidate gallery rows near {@code query} (Lucene returns up to {@code ef} per graph
     * segment), the walk scoring nodes by {@code walk}'s values. Must be safe to call from several threads at once.
     */
    int[] candidates(float[] query, int ef, GraphWalk walk);

    /** The indexed rows, their vectors and labels, in row order. */
    Gallery gallery();
}
