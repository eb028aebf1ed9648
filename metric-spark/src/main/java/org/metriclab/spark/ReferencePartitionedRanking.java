package org.metriclab.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.metriclab.eval.RankMeasure;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RankEngine;
import org.metriclab.eval.knn.TopK;
import org.metriclab.spark.knn.ReferencePart;

/**
 * Per-query values of measures determined by the nearest references, with the references split across tasks
 * ({@link Partitioning#REFERENCES}): the queries are broadcast once, every task ranks them against its
 * {@link ReferencePart} with metric-eval's {@link RankEngine#nearest}, the parts' {@link TopK} lists are merged
 * pairwise ({@code treeReduce}), and the driver computes the values from the merged lists with
 * {@link RankEngine#perQuery(TopK, int[], int[], boolean, List)}. Merging is associative and keeps the engine's
 * ranking order, so the values equal the local evaluator's for any partitioning.
 *
 * <p>Memory: every executor holds all queries and one part of the references; the merged lists (queries × k
 * entries of 12 bytes) come back to the driver.
 */
final class ReferencePartitionedRanking {
    private ReferencePartitionedRanking() {
    }

    /**
     * The values, laid out as {@link RankEngine#perQuery(TopK, int[], int[], boolean, List)} returns them.
     *
     * @param measures measures that all declare {@link RankMeasure#nearestOnly()}
     * @param self true when query i is reference i (left out of its own ranking)
     */
    static double[] perQuery(JavaSparkContext sc, EmbeddingRows queries, int[] queryLabels, EmbeddingRows references,
                             int[] referenceLabels, boolean self, List<RankMeasure> measures, int partitions) {
        int k = measures.stream().mapToInt(m -> Math.max(m.depth(), m.nearestOnly().orElseThrow())).max().orElse(0);
        int nq = queries.rows();
        List<ReferencePart> parts = ReferencePart.split(references, partitions);
        Broadcast<EmbeddingRows> shipped = sc.broadcast(queries);
        try {
            TopK merged = sc.parallelize(parts, parts.size())
                    .map(p -> RankEngine.nearest(shipped.value(), 0, nq, p.tiles(), p.first(), self, k))
                    .treeReduce(TopK::merge, 2);
            return RankEngine.perQuery(merged, queryLabels, referenceLabels, self, measures);
        } finally {
            shipped.destroy();
        }
    }
}
