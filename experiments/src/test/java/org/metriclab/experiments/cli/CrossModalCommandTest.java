package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metriclab fit --learner cross_modal} then {@code metriclab crossmodal}: both directions as JSON; one-line errors. */
class CrossModalCommandTest {

    /** Two views of four classes: view B is view A reversed, negated and shifted, plus noise. */
    private static Path data(Path dir) throws Exception {
        StringBuilder s = new StringBuilder("a0,a1,a2,b0,b1,b2,label\n");
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 120; i++) {
            int c = i % 4;
            double[] a = {3 * (c % 2) + 0.3 * r.nextGaussian(), 3 * (c / 2) + 0.3 * r.nextGaussian(), 0.3 * r.nextGaussian()};
            s.append(a[0]).append(',').append(a[1]).append(',').append(a[2]).append(',');
            s.append(5 - a[2]).append(',').append(5 - a[1]).append(',').append(5 - a[0]).append(",k").append(c).append('\n');
        }
        Path p = dir.resolve("two_views.csv");
        Files.writeString(p, s);
        return p;
    }

    @Test
    void fitThenCrossModalRetrievalInBothDirections(@TempDir Path dir) throws Exception {
        Path d = data(dir);
        Path model = dir.resolve("m.json");
        Cli fit = Cli.run("fit", "--learner", "cross_modal", "--data", d.toString(), "--out", model.toString(), "--param", "modalities=[[0,2],[3,5]]",
                "--param", "hidden=16", "--param", "embedding_size=8", "--param", "epochs=10", "--param", "batch_size=24", "--param", "m=6",
                "--param", "lr=0.01");
        assertEquals(0, fit.code(), fit.err());
        Cli r = Cli.run("crossmodal", "--model", model.toString(), "--data", d.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(120, j.get("rows").asInt());
        assertTrue(j.get("a_to_b").get("precision_at_1").asDouble() > 0.9, r.out());
        assertTrue(j.get("b_to_a").get("mean_average_precision_at_r").asDouble() > 0.8, r.out());
    }

    @Test
    void otherModelsAndBadColumnGroupsAreOneLineExitOne(@TempDir Path dir) throws Exception {
        Path d = data(dir);
        Path model = dir.resolve("e.json");
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--data", d.toString(), "--out", model.toString()).code());
        Cli r = Cli.run("crossmodal", "--model", model.toString(), "--data", d.toString());
        assertEquals(1, r.code());
        assertTrue(r.oneLineError() && r.err().contains("crossmodal needs a cross_modal model"), r.err());
        Cli overlap = Cli.run("fit", "--learner", "cross_modal", "--data", d.toString(), "--out", dir.resolve("x.json").toString(),
                "--param", "modalities=[[0,3],[3,5]]");
        assertEquals(1, overlap.code());
        assertTrue(overlap.oneLineError() && overlap.err().contains("modalities: column groups [0, 3] and [3, 5] overlap"), overlap.err());
    }
}
