package org.metriclab.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.search.ApproximateIndex;
import org.metriclab.eval.search.ApproximateSearch;
import org.metriclab.eval.search.SearchSpec;

/**
 * The HNSW provider of metric-eval's approximate search, registered in {@code META-INF/services}: the references go
 * into a {@link GalleryIndex} (float32, in a temporary directory removed on close), and queries are answered by its
 * graph search with exact re-ranking of the candidates.
 */
public final class HnswApproximateSearch implements ApproximateSearch {
    @Override
    public ApproximateIndex build(EmbeddingRows references, SearchSpec.Hnsw spec) {
        HnswParams params = new HnswParams(spec.m(), spec.efConstruction());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("metriclab-hnsw");
            GalleryIndex.build(dir.resolve("index"), new Gallery(floats(references), references.rows(), references.dim(), List.of()), params,
                    IndexManifest.NO_MODEL);
            return new Opened(dir, GalleryIndex.open(dir.resolve("index")));
        } catch (IOException e) {
            removeQuietly(dir, e);
            throw new UncheckedIOException("could not write the temporary HNSW index: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeQuietly(dir, e);
            throw e;
        }
    }

    /** Row-major float32 copies of the rows. */
    static float[] floats(EmbeddingRows rows) {
        float[] out = new float[Math.multiplyExact(rows.rows(), rows.dim())];
        for (int i = 0; i < rows.rows(); i++) {
            double[] r = rows.row(i);
            for (int t = 0; t < r.length; t++) {
                out[i * r.length + t] = (float) r[t];
            }
        }
        return out;
    }

    private static void removeQuietly(Path dir, Exception cause) {
        if (dir != null) {
            try {
                RecallSweep.deleteTree(dir);
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** An open index and the temporary directory that holds it. */
    private record Opened(Path dir, GalleryIndex index) implements ApproximateIndex {
        @Override
        public Neighbours search(EmbeddingRows queries, int k, int efSearch) {
            index.requireCompatible(queries.dim(), IndexManifest.NO_MODEL);
            return index.search(floats(queries), k, efSearch);
        }

        @Override
        public void close() {
            try {
                index.close();
                RecallSweep.deleteTree(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove the temporary HNSW index " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
