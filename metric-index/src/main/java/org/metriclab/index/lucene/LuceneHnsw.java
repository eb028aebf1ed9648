package org.metriclab.index.lucene;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.metriclab.index.Gallery;
import org.metriclab.index.GraphSearcher;
import org.metriclab.index.GraphWalk;
import org.metriclab.index.HnswParams;

/**
 * The gallery stored as a Lucene index: one document per row with its float32 vector in an HNSW graph
 * (Euclidean similarity), its row number and its label as doc values. The only class that sees Lucene types.
 *
 * <p>Opening reads every checksum ({@code checkIntegrity}), so truncated or altered files are found at once,
 * loads the vectors and labels in row order for exact re-ranking, and copies each segment's graph to the heap
 * ({@link FlatGraph}). Queries walk that copy with Lucene's {@link HnswGraphSearcher}, scoring nodes on the heap
 * vectors (float32) or their byte codes (int8), instead of going through the codec, which decodes neighbour
 * lists and copies vectors out of the mapped files at every visited node.
 */
public final class LuceneHnsw implements GraphSearcher {
    private static final String VECTOR = "vector";
    private static final String ROW = "row";
    private static final String LABEL = "label";
    /** Lucene's per-writer RAM buffer cap; a gallery below it is flushed as one segment with one graph. */
    private static final double MAX_BUFFER_MB = 2000;

    private final Directory directory;
    private final DirectoryReader reader;
    private final List<Part> parts;
    private final Gallery gallery;
    /** The gallery's byte codes for int8 walks, made on first use. */
    private volatile ByteRows codes;

    /**
     * One segment's graph copied to the heap, and the gallery row of each of its nodes (a node is its segment's
     * document: every document has a vector).
     */
    private record Part(FlatGraph graph, int[] nodeToRow) {
    }

    private LuceneHnsw(Directory directory, DirectoryReader reader, List<Part> parts, Gallery gallery) {
        this.directory = directory;
        this.reader = reader;
        this.parts = parts;
        this.gallery = gallery;
    }

    private ByteRows codes() {
        ByteRows c = codes;
        if (c == null) {
            synchronized (this) {
                if (codes == null) {
                    codes = ByteRows.of(gallery.vectors(), gallery.dim());
                }
                c = codes;
            }
        }
        return c;
    }

    /**
     * Writes {@code rows} as documents numbered from {@code firstRow} into {@code dir}: a new index when
     * {@code create}, else appended to the existing one; then merges to one segment (one graph) and commits.
     */
    public static void write(Path dir, Gallery rows, int firstRow, HnswParams params, boolean create) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return new Lucene99HnswVectorsFormat(params.m(), params.efConstruction());
                    }
                })
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setMergePolicy(new LogDocMergePolicy())
                .setRAMBufferSizeMB(Math.max(16, Math.min(MAX_BUFFER_MB, Runtime.getRuntime().maxMemory() / 3.0 / (1 << 20))))
                .setCommitOnClose(false);
        try (Directory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, config)) {
            float[] v = rows.vectors();
            int dim = rows.dim();
            for (int i = 0; i < rows.rows(); i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(VECTOR, Arrays.copyOfRange(v, i * dim, (i + 1) * dim), VectorSimilarityFunction.EUCLIDEAN));
                doc.add(new NumericDocValuesField(ROW, firstRow + (long) i));
                if (rows.labelled()) {
                    doc.add(new SortedDocValuesField(LABEL, new BytesRef(rows.labels().get(i))));
                }
                w.addDocument(doc);
            }
            w.forceMerge(1);
            w.commit();
        }
    }

    /** Opens the index in {@code dir}, which must hold {@code rows} rows of dimension {@code dim}. */
    public static LuceneHnsw open(Path dir, int rows, int dim, boolean labelled) throws IOException {
        Directory d = FSDirectory.open(dir);
        DirectoryReader r = null;
        try {
            r = DirectoryReader.open(d);
            LuceneHnsw opened = load(d, r, rows, dim, labelled);
            r = null;
            return opened;
        } catch (IOException | RuntimeException e) {
            if (r != null) {
                r.close();
            }
            d.close();
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(dir + ": the index files are damaged or incomplete (" + problem(e)
                    + "); rebuild the index with 'metriclab index build'", e);
        }
    }

    /** Lucene's first line about a failed open, with a missing file named as such. */
    private static String problem(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return "missing file " + m;
        }
        return m.isBlank() ? "unreadable files" : m;
    }

    private static LuceneHnsw load(Directory d, DirectoryReader r, int rows, int dim, boolean labelled) throws IOException {
        if (r.numDocs() != rows || r.maxDoc() != rows) {
            throw new IllegalArgumentException(d + " holds " + r.numDocs() + " rows but its manifest says " + rows
                    + "; the index is inconsistent, rebuild it with 'metriclab index build'");
        }
        float[] vectors = new float[Math.multiplyExact(rows, dim)];
        String[] labels = labelled ? new String[rows] : null;
        boolean[] seen = new boolean[rows];
        List<Part> parts = new ArrayList<>();
        for (LeafReaderContext ctx : r.leaves()) {
            LeafReader leaf = ctx.reader();
            leaf.checkIntegrity();
            FloatVectorValues vv = leaf.getFloatVectorValues(VECTOR);
            NumericDocValues rowValues = leaf.getNumericDocValues(ROW);
            SortedDocValues labelValues = labelled ? leaf.getSortedDocValues(LABEL) : null;
            if (vv == null || rowValues == null || (labelled && labelValues == null) || vv.dimension() != dim || vv.size() != leaf.maxDoc()) {
                throw new IllegalArgumentException(d + " does not hold " + dim + "-dimensional gallery vectors in every row;"
                        + " rebuild the index with 'metriclab index build'");
            }
            int[] nodeToRow = new int[leaf.maxDoc()];
            for (int doc = vv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = vv.nextDoc()) {
                if (!rowValues.advanceExact(doc) || (labelled && !labelValues.advanceExact(doc))) {
                    throw new IllegalArgumentException(d + ": document " + doc + " lacks its row number or label; rebuild the index");
                }
                long row = rowValues.longValue();
                if (row < 0 || row >= rows || seen[(int) row]) {
                    throw new IllegalArgumentException(d + ": row number " + row + " is out of range or repeated; rebuild the index");
                }
                seen[(int) row] = true;
                nodeToRow[doc] = (int) row;
                System.arraycopy(vv.vectorValue(), 0, vectors, (int) row * dim, dim);
                if (labelled) {
                    labels[(int) row] = labelValues.lookupOrd(labelValues.ordValue()).utf8ToString();
                }
            }
            FlatGraph graph = FlatGraph.copyOf(graphOf(leaf, d));
            if (graph.size() != nodeToRow.length) {
                throw new IllegalArgumentException(d + ": the HNSW graph has " + graph.size() + " nodes for " + nodeToRow.length
                        + " vectors; rebuild the index with 'metriclab index build'");
            }
            parts.add(new Part(graph, nodeToRow));
        }
        return new LuceneHnsw(d, r, List.copyOf(parts), new Gallery(vectors, rows, dim, labelled ? Arrays.asList(labels) : List.of()));
    }

    /** The HNSW graph the codec stored for the vector field of {@code leaf}. */
    private static HnswGraph graphOf(LeafReader leaf, Directory d) throws IOException {
        KnnVectorsReader vectors = leaf instanceof CodecReader codec ? codec.getVectorReader() : null;
        if (vectors instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
            vectors = perField.getFieldReader(VECTOR);
        }
        if (!(vectors instanceof HnswGraphProvider provider)) {
            throw new IllegalArgumentException(d + " stores its vectors without an HNSW graph; rebuild the index with 'metriclab index build'");
        }
        return provider.getGraph(VECTOR);
    }

    /**
     * Searches each segment's on-heap graph with Lucene's {@link HnswGraphSearcher} (best entry point down the
     * upper levels, then a beam of {@code ef} on level 0), scoring nodes against the heap copy of the vectors. A
     * segment of at most {@code ef} nodes is returned whole, as Lucene's reader does, since a graph walk may miss
     * nodes its links do not reach.
     */
    @Override
    public int[] candidates(float[] query, int ef, GraphWalk walk) {
        float[] vectors = gallery.vectors();
        int dim = gallery.dim();
        int[] out = new int[ef * parts.size()];
        int total = 0;
        ByteRows c = walk == GraphWalk.INT8 ? codes() : null;
        byte[] coded = c == null ? null : c.encode(query);
        try {
            for (Part part : parts) {
                if (ef >= part.nodeToRow().length) {
                    System.arraycopy(part.nodeToRow(), 0, out, total, part.nodeToRow().length);
                    total += part.nodeToRow().length;
                    continue;
                }
                TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
                HnswGraphSearcher.search(coded == null ? new RowScorer(query, vectors, part.nodeToRow(), dim)
                        : new ByteScorer(coded, c, part.nodeToRow()), collector, part.graph().cursor(), null);
                for (ScoreDoc sd : collector.topDocs().scoreDocs) {
                    out[total++] = part.nodeToRow()[sd.doc];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total == out.length ? out : Arrays.copyOf(out, total);
    }

    @Override
    public Gallery gallery() {
        return gallery;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
