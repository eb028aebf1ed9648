package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** retrieval_curves.csv names the engine of each point; files written before that column hold exact-engine points. */
class RetrievalCurvePointTest {
    @TempDir
    Path tmp;

    @Test
    void pointsCarryTheirEngineAndOldFilesReadAsExact() throws Exception {
        Files.writeString(tmp.resolve(RetrievalCurvePoint.FILE), "dataset,label,seed,split,n_train,curve,x,y\niris,nca,0,0,,precision_at_k,1.0,0.9\n");
        List<RetrievalCurvePoint> old = RetrievalCurvePoint.read(tmp);
        assertEquals(List.of(new RetrievalCurvePoint(new TrialKey("iris", "nca", 0, 0, 0), RetrievalCurve.PRECISION_AT_K, 1.0, 0.9, "exact")), old);
        RetrievalCurvePoint p = new RetrievalCurvePoint(new TrialKey("iris", "nca", 0, 0, 0), RetrievalCurve.RECALL_AT_K, 2.0, 0.5,
                "hnsw m=16 ef_construction=100 ef_search=64");
        assertEquals(p, RetrievalCurvePoint.of(p.fields()));
        assertEquals("hnsw m=16 ef_construction=100 ef_search=64", p.fields().get(8));
    }
}
