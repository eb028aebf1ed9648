package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.List;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;

/**
 * The references {@code first .. first + tiles.rows() − 1} laid out for metric-eval's distance kernel: the unit
 * of work of one task of a reference-partitioned evaluation.
 *
 * @param first the index of the part's first reference in the whole set
 * @param tiles the part's references
 */
public record ReferencePart(int first, ReferenceTiles tiles) implements Serializable {

    /** {@code references} cut into at most {@code parts} contiguous parts of near-equal size, in reference order. */
    public static List<ReferencePart> split(EmbeddingRows references, int parts) {
        return RowRange.split(references.rows(), parts).stream()
                .map(r -> new ReferencePart(r.from(), new ReferenceTiles(references.rows(r.from(), r.to()))))
                .toList();
    }
}
