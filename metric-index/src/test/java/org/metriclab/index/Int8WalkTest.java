package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.eval.knn.Neighbours;

class Int8WalkTest {
    @TempDir
    Path tmp;

    @Test
    void anInt8WalkKeepsRecallAndAFullBeamIsExact() throws IOException {
        SyntheticGallery data = new SyntheticGallery(3000, 16, 30, 1.0, 7);
        Gallery g = data.gallery();
        Gallery queries = data.queries(100);
        GalleryIndex.build(tmp.resolve("idx"), g, new HnswParams(16, 100), IndexManifest.NO_MODEL);
        try (GalleryIndex index = GalleryIndex.open(tmp.resolve("idx"))) {
            Neighbours exact = index.exact(queries.vectors(), 10);
            double recall = index.search(queries.vectors(), 10, 64, GraphWalk.INT8).recallAgainst(exact);
            assertTrue(recall >= 0.95, "int8 recall@10 at ef 64 was " + recall);
            Neighbours full = index.search(queries.vectors(), 10, g.rows(), GraphWalk.INT8);
            assertEquals(1.0, full.recallAgainst(exact));
            // candidates are re-ranked exactly: the distances are the exact ones
            for (int i = 0; i < exact.rows().length; i++) {
                assertEquals(exact.distances()[i], full.distances()[i], 1e-9 * Math.max(1, exact.distances()[i]));
            }
        }
    }

    @Test
    void oneOutlyingRowDoesNotFlattenTheCodesOfTheOthers() throws IOException {
        SyntheticGallery data = new SyntheticGallery(3000, 16, 30, 1.0, 9);
        float[] v = data.gallery().vectors().clone();
        for (int t = 0; t < 16; t++) {
            v[t] = 1e6f; // row 0 lies far outside the others; quantizing over the full range would give them all one code
        }
        Gallery g = new Gallery(v, 3000, 16, data.gallery().labels());
        Gallery queries = data.queries(100);
        GalleryIndex.build(tmp.resolve("idx"), g, new HnswParams(16, 100), IndexManifest.NO_MODEL);
        try (GalleryIndex index = GalleryIndex.open(tmp.resolve("idx"))) {
            Neighbours exact = index.exact(queries.vectors(), 10);
            double int8 = index.search(queries.vectors(), 10, 64, GraphWalk.INT8).recallAgainst(exact);
            double float32 = index.search(queries.vectors(), 10, 64, GraphWalk.FLOAT32).recallAgainst(exact);
            assertTrue(int8 >= float32 - 0.03, "int8 recall " + int8 + " against float32 " + float32);
        }
    }

    @Test
    void walksParseByNameAndRefuseOthers() {
        assertEquals(GraphWalk.INT8, GraphWalk.parse(" Int8"));
        assertEquals(GraphWalk.FLOAT32, GraphWalk.parse("float32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphWalk.parse("fp16")).getMessage().contains("float32 or int8"));
    }
}
