package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.jackson.Trees;

/** identify (open-set) and verify (validation thresholds) on one-dimensional hand-checked embeddings. */
class IdentifyVerifyCommandTest {
    @TempDir
    Path tmp;

    private Path file(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, body);
        return p;
    }

    @Test
    void identifyHandComputedProbesAgainstAGallery() throws Exception {
        Path gallery = file("g.csv", "0\n10\n");
        Path galleryLabels = file("gl.csv", "a\nb\n");
        // known probes: 1 (a, d²=1, right), 6 (a, nearest is b at d²=16: wrong); unknown probes (c): 3 (d²=9), 5 (d²=25)
        Path probes = file("p.csv", "1\n6\n3\n5\n");
        Path probeLabels = file("pl.csv", "a\na\nc\nc\n");
        Path roc = tmp.resolve("roc.csv");
        Cli run = Cli.run("identify", "--embeddings", probes.toString(), "--labels", probeLabels.toString(), "--reference-embeddings",
                gallery.toString(), "--reference-labels", galleryLabels.toString(), "--unknown-classes", "c", "--far", "0.5,0.1", "--roc", roc.toString());
        assertEquals(0, run.code(), run.err());
        Map<?, ?> json = (Map<?, ?>) Trees.readJson(file("out.json", run.out()));
        assertEquals(2, json.get("known_probes"));
        assertEquals(2, json.get("unknown_probes"));
        assertEquals(0.5, json.get("rank1"));
        // FAR ≤ 0.5 of 2 unknown probes allows one false alarm: threshold just below 25; probe 1 identified, probe 6 wrong
        assertEquals(0.5, json.get("dir_at_far_0_5"));
        assertEquals(Math.nextDown(25.0), json.get("dir_at_far_0_5_threshold"));
        assertEquals(null, json.get("dir_at_far_0_1"));
        assertTrue(String.valueOf(json.get("dir_at_far_0_1_not_estimable")).contains("needs at least 10 unknown probes"), run.out());
        assertEquals("threshold,far,dir", Files.readAllLines(roc).get(0));

        Cli overlap = Cli.run("identify", "--embeddings", probes.toString(), "--labels", probeLabels.toString(), "--reference-embeddings",
                gallery.toString(), "--reference-labels", galleryLabels.toString(), "--unknown-classes", "b,c");
        assertEquals(Main.BAD_INPUT, overlap.code());
        assertTrue(overlap.oneLineError() && overlap.err().contains("class 'b' is in the gallery"), overlap.err());
        Cli badFar = Cli.run("identify", "--embeddings", probes.toString(), "--labels", probeLabels.toString(), "--unknown-classes", "c", "--far", "1.5");
        assertEquals(Main.BAD_INPUT, badFar.code());
        assertTrue(badFar.oneLineError() && badFar.err().contains("outside (0, 1)"), badFar.err());
    }

    @Test
    void identifyHoldsOutUnknownClassesOfOneSet() throws Exception {
        // a at 0 and 1, b at 10 and 11, c (held out) at 4 and 20
        Path x = file("x.csv", "0\n1\n10\n11\n4\n20\n");
        Path l = file("l.csv", "a\na\nb\nb\nc\nc\n");
        Cli run = Cli.run("identify", "--embeddings", x.toString(), "--labels", l.toString(), "--unknown-classes", "c", "--far", "0.5");
        assertEquals(0, run.code(), run.err());
        Map<?, ?> json = (Map<?, ?>) Trees.readJson(file("o.json", run.out()));
        assertEquals(4, json.get("known_probes"));
        assertEquals(1.0, json.get("rank1"));
        // unknown nearest distances: 4 → 1 at 9; 20 → 11 at 81; one alarm allowed: threshold below 81 accepts every known probe (d² = 1)
        assertEquals(1.0, json.get("dir_at_far_0_5"));
        Cli missing = Cli.run("identify", "--embeddings", x.toString(), "--labels", l.toString(), "--unknown-classes", "z");
        assertEquals(Main.BAD_INPUT, missing.code());
        assertTrue(missing.oneLineError() && missing.err().contains("class 'z' has no rows"), missing.err());
    }

    @Test
    void verifyAppliesTheValidationThresholdToTheTestPairs() throws Exception {
        // validation: a at 0, 1; b at 5, 7 → positives 1, 4; negatives 16, 25, 36, 49
        Path ve = file("ve.csv", "0\n1\n5\n7\n");
        Path vl = file("vl.csv", "a\na\nb\nb\n");
        // test: a at 0, 3; b at 4 → positive 9; negatives 16, 1
        Path te = file("te.csv", "0\n3\n4\n");
        Path tl = file("tl.csv", "a\na\nb\n");
        Cli run = Cli.run("verify", "--embeddings", te.toString(), "--labels", tl.toString(), "--validation-embeddings", ve.toString(),
                "--validation-labels", vl.toString(), "--far", "0.1");
        assertEquals(0, run.code(), run.err());
        Map<?, ?> json = (Map<?, ?>) Trees.readJson(file("v.json", run.out()));
        Map<?, ?> point = (Map<?, ?>) json.get("tar_at_far_0_1");
        // 4 validation negatives: FAR ≤ 0.1 allows none, threshold just below 16
        assertEquals(Math.nextDown(16.0), point.get("threshold"));
        assertEquals(1.0, point.get("validation_tar"));
        assertEquals(0.0, point.get("validation_far"));
        assertEquals(1.0, point.get("test_tar"));
        assertEquals(0.5, point.get("test_far"), "the test negative at 1 is accepted: 1 of 2");
        Cli notPower = Cli.run("verify", "--embeddings", te.toString(), "--labels", tl.toString(), "--validation-embeddings", ve.toString(),
                "--validation-labels", vl.toString(), "--far", "0.05");
        assertEquals(Main.BAD_INPUT, notPower.code());
        assertTrue(notPower.oneLineError() && notPower.err().contains("powers of ten"), notPower.err());
    }
}
