package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallSweepTest {
    @TempDir
    Path tmp;

    @Test
    void recallGrowsWithTheBeamAndTheWidestBeamIsExact() throws IOException {
        SyntheticGallery data = new SyntheticGallery(2000, 12, 20, 1.0, 3);
        List<SweepPoint> seen = new ArrayList<>();
        List<SweepPoint> points = RecallSweep.run(data.gallery(), data.queries(60), 10, List.of(new HnswParams(4, 20)),
                List.of(10, 2000), tmp, seen::add);
        assertEquals(points, seen);
        assertEquals(2, points.size());
        assertTrue(points.get(0).recall() <= points.get(1).recall());
        assertEquals(1.0, points.get(1).recall());
        // with every exact neighbour found, precision@k is the exact one
        assertEquals(points.get(1).precisionExact(), points.get(1).precisionApprox());
        assertTrue(points.get(0).precisionExact() > 0.5, "clustered data: neighbours share the label");
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "graphs are removed after measuring");
        }
    }

    @Test
    void keptGraphsAreReusedWithTheirBuildTimesAndRefusedForOtherData() throws IOException {
        SyntheticGallery data = new SyntheticGallery(800, 6, 8, 1.0, 4);
        List<HnswParams> graph = List.of(new HnswParams(4, 20));
        SweepPoint first = RecallSweep.run(data.gallery(), data.queries(20), 5, graph, List.of(8), tmp, Optional.of("data-a"), List.of(GraphWalk.FLOAT32), p -> { }).get(0);
        assertTrue(Files.exists(tmp.resolve("m4-efc20").resolve(IndexManifest.FILE)), "the graph is kept");
        SweepPoint again = RecallSweep.run(data.gallery(), data.queries(20), 5, graph, List.of(8), tmp, Optional.of("data-a"), List.of(GraphWalk.FLOAT32), p -> { }).get(0);
        assertEquals(first.buildSeconds(), again.buildSeconds());
        assertEquals(first.cpu().buildSeconds(), again.cpu().buildSeconds());
        assertEquals(first.recall(), again.recall());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecallSweep.run(data.gallery(), data.queries(20), 5, graph, List.of(8), tmp, Optional.of("data-b"), List.of(GraphWalk.FLOAT32), p -> { }));
        assertTrue(e.getMessage().contains("holds a graph of other data"), e.getMessage());
    }
}
