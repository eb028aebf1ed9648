package org.metriclab.spark.knn;

import java.io.Serializable;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;

/**
 * Everything a task needs, broadcast once: the queries, the references laid out for metric-eval's distance
 * kernel, and the labels. In self mode the queries are the references and their values travel once.
 *
 * @param queries the query embeddings
 * @param queryLabels one label per query
 * @param references the reference embeddings as kernel tiles
 * @param referenceLabels one label per reference
 * @param self true when query i is reference i (left out of its own ranking)
 */
public record RetrievalInputs(EmbeddingRows queries, int[] queryLabels, ReferenceTiles references, int[] referenceLabels,
                              boolean self) implements Serializable {
}
