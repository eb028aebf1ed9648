package org.metriclab.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ExactNeighbours;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.index.lucene.LuceneHnsw;

/**
 * A persisted gallery of float32 embeddings searchable approximately (HNSW graph candidates re-ranked by exact
 * squared distance) or exactly (the metric-eval tiled engine on the same float32 vectors, widened to float64).
 *
 * <p>An index directory holds the Lucene files and a manifest ({@link IndexManifest}) naming the dimension and
 * the fingerprint of the model that produced the embeddings; queries of another dimension or model are refused.
 */
public final class GalleryIndex implements AutoCloseable {
    private final Path dir;
    private final IndexManifest manifest;
    private final GraphSearcher graph;
    private volatile ReferenceTiles exactTiles;

    private GalleryIndex(Path dir, IndexManifest manifest, GraphSearcher graph) {
        this.dir = dir;
        this.manifest = manifest;
        this.graph = graph;
    }

    /** Builds a new index of {@code gallery} in {@code dir}, which must not exist or be empty. */
    public static IndexManifest build(Path dir, Gallery gallery, HnswParams params, String model) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " is a file; expected a new or empty directory for the index");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; choose a new directory for the index or remove this one");
                }
            }
        }
        requireLuceneDimension(gallery.dim());
        requireMemory(gallery.rows(), gallery.dim(), params.m(), "building an HNSW index of");
        Files.createDirectories(dir);
        LuceneHnsw.write(dir, gallery, 0, params, true);
        IndexManifest m = new IndexManifest(IndexManifest.VERSION, gallery.dim(), gallery.rows(), params, model, gallery.labelled());
        m.write(dir);
        return m;
    }

    /** Appends {@code more} rows (numbered after the existing ones) to the index in {@code dir}. */
    public static IndexManifest add(Path dir, Gallery more, String model) throws IOException {
        IndexManifest m = IndexManifest.read(dir);
        requireCompatible(dir, m, more.dim(), model);
        if (m.labelled() != more.labelled()) {
            throw new IllegalArgumentException(dir + (m.labelled() ? " has labelled rows; the added rows need labels too"
                    : " has unlabelled rows; add rows without a label column"));
        }
        IndexManifest grown = m.plusRows(more.rows());
        requireMemory(grown.rows(), grown.dim(), grown.params().m(), "adding to an HNSW index of");
        LuceneHnsw.write(dir, more, m.rows(), m.params(), false);
        grown.write(dir);
        return grown;
    }

    /** Opens the index in {@code dir}, checking its manifest and every file checksum. */
    public static GalleryIndex open(Path dir) throws IOException {
        IndexManifest m = IndexManifest.read(dir);
        requireMemory(m.rows(), m.dim(), m.params().m(), "opening an index of");
        return new GalleryIndex(dir, m, LuceneHnsw.open(dir, m.rows(), m.dim(), m.labelled()));
    }

    public IndexManifest manifest() {
        return manifest;
    }

    public int rows() {
        return manifest.rows();
    }

    public int dim() {
        return manifest.dim();
    }

    /** The label of gallery row {@code row}, if rows are labelled. */
    public Optional<String> label(int row) {
        return manifest.labelled() ? Optional.of(graph.gallery().labels().get(row)) : Optional.empty();
    }

    /** Refuses queries of another dimension or embedded by another model than the gallery. */
    public void requireCompatible(int queryDim, String model) {
        requireCompatible(dir, manifest, queryDim, model);
    }

    private static void requireCompatible(Path dir, IndexManifest m, int dim, String model) {
        if (!m.model().equals(model)) {
            throw new IllegalArgumentException(dir + " was built from " + describe(m.model()) + " but the queries come from " + describe(model)
                    + "; use the model the index was built with, or rebuild the index");
        }
        if (m.dim() != dim) {
            throw new IllegalArgumentException(dir + " holds " + m.dim() + "-dimensional embeddings but the queries have " + dim
                    + " dimensions; embed the queries with the index's model");
        }
    }

    private static String describe(String model) {
        return IndexManifest.NO_MODEL.equals(model) ? "raw embeddings (no model)" : "model " + model;
    }

    /**
     * The approximate {@code k} nearest rows of each query (row-major {@code queries × dim} float32): the graph's
     * candidates at beam width max(efSearch, k) of a float32 walk, re-ranked by exact squared distance. Queries run in
     * parallel.
     */
    public Neighbours search(float[] queries, int k, int efSearch) {
        return search(queries, k, efSearch, GraphWalk.FLOAT32);
    }

    /** As {@link #search(float[], int, int)}, the graph walk scoring nodes by {@code walk}'s values. */
    public Neighbours search(float[] queries, int k, int efSearch, GraphWalk walk) {
        int nq = queryCount(queries, k);
        int ef = Math.max(HnswParams.requireEfSearch(efSearch), k);
        int dim = dim();
        float[] g = graph.gallery().vectors();
        int[] rows = new int[nq * k];
        double[] dist = new double[nq * k];
        IntStream.range(0, nq).parallel().forEach(q -> {
            float[] query = Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
            int[] cand = graph.candidates(query, ef, walk);
            nearest(query, g, dim, cand, k, rows, dist, q * k);
        });
        return new Neighbours(nq, k, rows, dist);
    }

    /** The exact {@code k} nearest rows of each query, from the exact engine on the indexed float32 vectors. */
    public Neighbours exact(float[] queries, int k) {
        int nq = queryCount(queries, k);
        return ExactNeighbours.search(EmbeddingRows.of(queries, nq, dim(), "queries"), tiles(), k);
    }

    private ReferenceTiles tiles() {
        ReferenceTiles t = exactTiles;
        if (t == null) {
            synchronized (this) {
                if (exactTiles == null) {
                    exactTiles = new ReferenceTiles(EmbeddingRows.of(graph.gallery().vectors(), rows(), dim(), "gallery"));
                }
                t = exactTiles;
            }
        }
        return t;
    }

    private int queryCount(float[] queries, int k) {
        if (k < 1 || k > rows()) {
            throw new IllegalArgumentException("--k " + k + " must be between 1 and the " + rows() + " gallery rows of " + dir
                    + "; ask for fewer neighbours or add gallery rows");
        }
        if (queries.length % dim() != 0) {
            throw new IllegalArgumentException("query values (" + queries.length + ") are not a multiple of the index dimension " + dim());
        }
        Gallery.requireInRange(queries, dim(), "query");
        return queries.length / dim();
    }

    /**
     * Writes the {@code k} candidates nearest to {@code query} by float64 squared distance (ties: lower row first)
     * to {@code rows}/{@code dist} from {@code at}, padding with row −1 at infinite distance when there are fewer.
     * Each candidate is placed by binary search into the sorted list of the best k so far.
     */
    static void nearest(float[] query, float[] g, int dim, int[] cand, int k, int[] rows, double[] dist, int at) {
        int found = 0;
        for (int row : cand) {
            double d = squaredDistance(query, g, row * dim);
            if (found == k && !closer(d, row, dist[at + k - 1], rows[at + k - 1])) {
                continue;
            }
            int lo = 0;
            int hi = found;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (closer(d, row, dist[at + mid], rows[at + mid])) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            int moved = Math.min(found, k - 1) - lo;
            System.arraycopy(rows, at + lo, rows, at + lo + 1, moved);
            System.arraycopy(dist, at + lo, dist, at + lo + 1, moved);
            rows[at + lo] = row;
            dist[at + lo] = d;
            found = Math.min(found + 1, k);
        }
        for (int i = found; i < k; i++) {
            rows[at + i] = -1;
            dist[at + i] = Double.POSITIVE_INFINITY;
        }
    }

    private static boolean closer(double d, int row, double thanD, int thanRow) {
        return d < thanD || (d == thanD && row < thanRow);
    }

    /** Σ (q_t − g_t)² in float64 from float32 values. */
    private static double squaredDistance(float[] q, float[] g, int offset) {
        double s = 0;
        for (int t = 0; t < q.length; t++) {
            double diff = (double) q[t] - g[offset + t];
            s += diff * diff;
        }
        return s;
    }

    private static void requireLuceneDimension(int dim) {
        if (dim > 1024) {
            throw new IllegalArgumentException("embeddings have " + dim + " dimensions; the HNSW index takes at most 1024;"
                    + " reduce the dimension (e.g. fit the metric with dims ≤ 1024)");
        }
    }

    /**
     * Per row: the vectors held twice (Lucene's buffer or mapped file and the row-ordered copy), the on-heap graph
     * (up to 2·m level-0 links, an offset, upper levels on average about 1/m of that), the int8 codes of the walk
     * (one byte per value) and about 64 words of bookkeeping.
     */
    private static void requireMemory(long rows, int dim, int m, String what) {
        long perRow = Float.BYTES * (2L * dim + 2L * m + 4 + 64) + dim;
        MemoryBudget.require(MemoryBudget.bytes(rows, perRow), what + " " + rows + " × " + dim,
                "index fewer rows or raise the heap, e.g. JAVA_OPTS=-Xmx8g");
    }

    @Override
    public void close() throws IOException {
        graph.close();
    }
}
