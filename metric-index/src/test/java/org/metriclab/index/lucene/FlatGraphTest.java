package org.metriclab.index.lucene;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.index.Gallery;
import org.metriclab.index.GraphWalk;
import org.metriclab.index.HnswParams;
import org.metriclab.index.SyntheticGallery;

class FlatGraphTest {
    @TempDir
    Path tmp;

    private static final SyntheticGallery DATA = new SyntheticGallery(4000, 8, 40, 1.0, 11);

    private static HnswGraph luceneGraph(LeafReader leaf) throws IOException {
        var perField = (PerFieldKnnVectorsFormat.FieldsReader) ((CodecReader) leaf).getVectorReader();
        return ((HnswGraphProvider) perField.getFieldReader("vector")).getGraph("vector");
    }

    private static int[] neighbours(HnswGraph g, int level, int node) throws IOException {
        g.seek(level, node);
        int[] out = new int[0];
        for (int f = g.nextNeighbor(); f != NO_MORE_DOCS; f = g.nextNeighbor()) {
            out = Arrays.copyOf(out, out.length + 1);
            out[out.length - 1] = f;
        }
        return out;
    }

    @Test
    void theHeapCopyHoldsEveryLevelAndLinkOfTheStoredGraph() throws IOException {
        Path dir = tmp.resolve("idx");
        LuceneHnsw.write(dir, DATA.gallery(), 0, new HnswParams(4, 20), true);
        try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            assertEquals(1, r.leaves().size());
            HnswGraph stored = luceneGraph(r.leaves().get(0).reader());
            FlatGraph flat = FlatGraph.copyOf(stored);
            HnswGraph copy = flat.cursor();
            assertTrue(stored.numLevels() >= 3, "m 4 over 4000 nodes gives several levels");
            assertEquals(stored.numLevels(), copy.numLevels());
            assertEquals(stored.entryNode(), copy.entryNode());
            assertEquals(stored.size(), copy.size());
            for (int level = 0; level < stored.numLevels(); level++) {
                int[] nodes = HnswGraph.NodesIterator.getSortedNodes(stored.getNodesOnLevel(level));
                assertArrayEquals(nodes, HnswGraph.NodesIterator.getSortedNodes(copy.getNodesOnLevel(level)), "level " + level);
                for (int node : nodes) {
                    assertArrayEquals(neighbours(stored, level, node), neighbours(copy, level, node), "level " + level + " node " + node);
                }
            }
        }
    }

    @Test
    void heapSearchFindsTheCandidatesOfLucenesOwnSearch() throws IOException {
        Path dir = tmp.resolve("idx");
        Gallery g = DATA.gallery();
        LuceneHnsw.write(dir, g, 0, new HnswParams(8, 40), true);
        Gallery queries = DATA.queries(200);
        int ef = 20;
        double overlap = 0;
        try (LuceneHnsw heap = LuceneHnsw.open(dir, g.rows(), g.dim(), true);
             Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            LeafReader leaf = r.leaves().get(0).reader();
            var rows = leaf.getNumericDocValues("row");
            int[] docToRow = new int[leaf.maxDoc()];
            for (int doc = 0; doc < docToRow.length; doc++) {
                assertTrue(rows.advanceExact(doc));
                docToRow[doc] = (int) rows.longValue();
            }
            for (int q = 0; q < queries.rows(); q++) {
                float[] query = Arrays.copyOfRange(queries.vectors(), q * g.dim(), (q + 1) * g.dim());
                Set<Integer> lucene = new HashSet<>();
                for (ScoreDoc sd : leaf.searchNearestVectors("vector", query, ef, null, Integer.MAX_VALUE).scoreDocs) {
                    lucene.add(docToRow[sd.doc]);
                }
                int[] mine = heap.candidates(query, ef, GraphWalk.FLOAT32);
                assertEquals(ef, mine.length);
                assertEquals(ef, Arrays.stream(mine).distinct().count());
                overlap += Arrays.stream(mine).filter(lucene::contains).count() / (double) ef;
            }
        }
        // the same walk; only float rounding of the two distance loops may order a rare tie differently
        assertTrue(overlap / queries.rows() >= 0.99, "mean overlap " + overlap / queries.rows());
    }

    @Test
    void aBeamAsWideAsTheGalleryReturnsEveryRow() throws IOException {
        Path dir = tmp.resolve("idx");
        Gallery g = new SyntheticGallery(300, 4, 3, 1.0, 5).gallery();
        LuceneHnsw.write(dir, g, 0, new HnswParams(2, 4), true);
        try (LuceneHnsw heap = LuceneHnsw.open(dir, g.rows(), g.dim(), true)) {
            for (GraphWalk walk : GraphWalk.values()) {
                int[] all = heap.candidates(new float[] {0, 0, 0, 0}, 300, walk);
                Arrays.sort(all);
                for (int i = 0; i < 300; i++) {
                    assertEquals(i, all[i], walk.name());
                }
            }
        }
    }
}
