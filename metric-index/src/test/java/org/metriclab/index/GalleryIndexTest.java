package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.eval.knn.Neighbours;

class GalleryIndexTest {
    @TempDir
    Path tmp;

    private static final SyntheticGallery DATA = new SyntheticGallery(3000, 16, 30, 1.0, 7);

    /** Brute force: every gallery row sorted by (float64 squared distance from float32 values, row). */
    private static int[] bruteForce(Gallery g, float[] q, int k) {
        Integer[] order = new Integer[g.rows()];
        double[] d = new double[g.rows()];
        for (int j = 0; j < g.rows(); j++) {
            double s = 0;
            for (int t = 0; t < g.dim(); t++) {
                double diff = (double) q[t] - g.vectors()[j * g.dim() + t];
                s += diff * diff;
            }
            d[j] = s;
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @Test
    void exactSearchIsBruteForceAndHnswRecallIsAtLeastNinetyFivePercent() throws IOException {
        Gallery g = DATA.gallery();
        Gallery queries = DATA.queries(100);
        Path dir = tmp.resolve("idx");
        GalleryIndex.build(dir, g, new HnswParams(16, 100), IndexManifest.NO_MODEL);
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            Neighbours exact = index.exact(queries.vectors(), 10);
            for (int q = 0; q < queries.rows(); q++) {
                int[] expected = bruteForce(g, Arrays.copyOfRange(queries.vectors(), q * 16, (q + 1) * 16), 10);
                assertArrayEquals(expected, Arrays.copyOfRange(exact.rows(), q * 10, (q + 1) * 10), "query " + q);
            }
            double recall = index.search(queries.vectors(), 10, 64).recallAgainst(exact);
            assertTrue(recall >= 0.95, "recall@10 at ef 64 was " + recall);
            // a beam as wide as the gallery visits every row: the result is exact
            assertEquals(1.0, index.search(queries.vectors(), 10, g.rows()).recallAgainst(exact));
        }
    }

    @Test
    void reopenedIndexReturnsTheSameRowsLabelsAndResultsAndAcceptsAddedRows() throws IOException {
        Gallery g = DATA.gallery();
        Gallery queries = DATA.queries(40);
        Path dir = tmp.resolve("idx");
        GalleryIndex.build(dir, g, new HnswParams(8, 50), "abc123");
        Neighbours first;
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            first = index.search(queries.vectors(), 5, 32);
            assertEquals(g.rows(), index.rows());
            assertEquals(g.labels().get(1234), index.label(1234).orElseThrow());
        }
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            Neighbours again = index.search(queries.vectors(), 5, 32);
            assertArrayEquals(first.rows(), again.rows());
            assertArrayEquals(first.distances(), again.distances());
        }
        // the queries join the gallery: each is then its own nearest row, at distance 0
        IndexManifest grown = GalleryIndex.add(dir, queries, "abc123");
        assertEquals(g.rows() + queries.rows(), grown.rows());
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            assertEquals(g.rows() + queries.rows(), index.rows());
            Neighbours self = index.search(queries.vectors(), 1, 32);
            for (int q = 0; q < queries.rows(); q++) {
                assertEquals(0.0, self.distance(q, 0), "query " + q);
                assertEquals(queries.labels().get(q), index.label(self.row(q, 0)).orElseThrow());
            }
            assertEquals(g.labels().get(5), index.label(5).orElseThrow());
        }
    }

    @Test
    void badInputIsAOneLineErrorNamingTheWayOut() throws IOException {
        Gallery g = new SyntheticGallery(200, 8, 4, 1.0, 1).gallery();
        Path dir = tmp.resolve("idx");
        GalleryIndex.build(dir, g, HnswParams.DEFAULT, "model-a");
        List<IllegalArgumentException> errors = new ArrayList<>();
        errors.add(assertThrows(IllegalArgumentException.class, () -> GalleryIndex.build(dir, g, HnswParams.DEFAULT, "model-a")));
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            errors.add(assertThrows(IllegalArgumentException.class, () -> index.requireCompatible(8, "model-b")));
            errors.add(assertThrows(IllegalArgumentException.class, () -> index.requireCompatible(9, "model-a")));
            errors.add(assertThrows(IllegalArgumentException.class, () -> index.search(new float[8], 201, 64)));
            errors.add(assertThrows(IllegalArgumentException.class, () -> index.exact(new float[8], 0)));
        }
        errors.add(assertThrows(IllegalArgumentException.class, () -> new HnswParams(1, 100)));
        errors.add(assertThrows(IllegalArgumentException.class, () -> GalleryIndex.add(dir, new SyntheticGallery(5, 9, 1, 1, 1).gallery(), "model-a")));
        errors.add(assertThrows(IllegalArgumentException.class, () -> GalleryIndex.open(tmp.resolve("missing"))));
        for (IllegalArgumentException e : errors) {
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().length() > 20, e.getMessage());
        }
        assertTrue(errors.get(1).getMessage().contains("model-b"), errors.get(1).getMessage());
        assertTrue(errors.get(3).getMessage().contains("200 gallery rows"), errors.get(3).getMessage());
    }

    /** Values whose float32 squared distances overflow would corrupt the graph's ordering: refused before building or searching. */
    @Test
    void valuesWhoseFloat32DistancesOverflowAreRefused() throws IOException {
        double bound = Gallery.maxMagnitude(2);
        assertTrue(2 * Math.pow(2 * bound, 2) <= Float.MAX_VALUE * 1.0000001);
        float big = (float) (bound * 1.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Gallery(new float[] {0, 0, big, 0}, 2, 2, List.of()));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("rescale"), e.getMessage());
        float ok = (float) (bound * 0.99);
        Path dir = tmp.resolve("edge");
        GalleryIndex.build(dir, new Gallery(new float[] {ok, ok, -ok, -ok, 0, 0}, 3, 2, List.of()), HnswParams.DEFAULT, IndexManifest.NO_MODEL);
        try (GalleryIndex index = GalleryIndex.open(dir)) {
            assertEquals(1, index.search(new float[] {ok, ok}, 3, 16).rows()[2]);
            IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {0, big}, 1, 16));
            assertTrue(q.getMessage().startsWith("query row 1"), q.getMessage());
        }
    }

    @Test
    void truncatedOrAlteredIndexFilesAreRefusedOnOpen() throws IOException {
        Gallery g = new SyntheticGallery(300, 8, 4, 1.0, 2).gallery();
        for (String mode : List.of("truncate", "flip", "manifest")) {
            Path dir = tmp.resolve(mode);
            GalleryIndex.build(dir, g, HnswParams.DEFAULT, IndexManifest.NO_MODEL);
            Path vectors;
            try (var files = Files.list(dir)) {
                vectors = files.filter(p -> p.getFileName().toString().endsWith(".vec")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(vectors);
            switch (mode) {
                case "truncate" -> Files.write(vectors, Arrays.copyOf(bytes, bytes.length / 2));
                case "flip" -> {
                    bytes[bytes.length / 2] ^= 0x40;
                    Files.write(vectors, bytes);
                }
                default -> Files.writeString(dir.resolve(IndexManifest.FILE), "format=metriclab-index\nversion=1\ndimension=x\n");
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GalleryIndex.open(dir).close(), mode);
            assertTrue(e.getMessage().contains("rebuild") && !e.getMessage().contains("\n"), mode + ": " + e.getMessage());
        }
    }
}
