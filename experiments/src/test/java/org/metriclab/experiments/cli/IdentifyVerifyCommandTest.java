package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        // validation: a at 0, 1; b at 5, 7, 8, 9, 10 → 11 positives (1 ×4, 4 ×3, 9 ×2, 16, 25);
        // 10 negatives 16, 25, 36, 49, 49, 64, 64, 81, 81, 100
        Path ve = file("ve.csv", "0\n1\n5\n7\n8\n9\n10\n");
        Path vl = file("vl.csv", "a\na\nb\nb\nb\nb\nb\n");
        // test: a at 0, 3; b at 4 → positive 9; negatives 16, 1
        Path te = file("te.csv", "0\n3\n4\n");
        Path tl = file("tl.csv", "a\na\nb\n");
        Cli run = Cli.run("verify", "--embeddings", te.toString(), "--labels", tl.toString(), "--validation-embeddings", ve.toString(),
                "--validation-labels", vl.toString(), "--far", "0.1");
        assertEquals(0, run.code(), run.err());
        Map<?, ?> json = (Map<?, ?>) Trees.readJson(file("v.json", run.out()));
        Map<?, ?> point = (Map<?, ?>) json.get("tar_at_far_0_1");
        // 10 validation negatives: FAR ≤ 0.1 allows one, the threshold stays just below the second (25)
        assertEquals(Math.nextDown(25.0), point.get("threshold"));
        assertEquals(10 / 11.0, (Double) point.get("validation_tar"), 1e-15);
        assertEquals(0.1, point.get("validation_far"));
        assertEquals(1.0, point.get("test_tar"));
        assertEquals(1.0, point.get("test_far"), "both test negatives (16 and 1) are accepted");
        assertFalse(json.containsKey("tar_at_far_0_1_not_estimable"));
        // 4 validation negatives cannot estimate FAR 0.1 (10 needed): null numbers and the count needed
        Path few = file("few.csv", "0\n1\n5\n7\n");
        Path fewLabels = file("fewl.csv", "a\na\nb\nb\n");
        Cli small = Cli.run("verify", "--embeddings", te.toString(), "--labels", tl.toString(), "--validation-embeddings", few.toString(),
                "--validation-labels", fewLabels.toString(), "--far", "0.1");
        assertEquals(0, small.code(), small.err());
        Map<?, ?> smallJson = (Map<?, ?>) Trees.readJson(file("s.json", small.out()));
        assertNull(((Map<?, ?>) smallJson.get("tar_at_far_0_1")).get("threshold"));
        assertNull(((Map<?, ?>) smallJson.get("tar_at_far_0_1")).get("test_tar"));
        assertEquals("needs at least 10 different-label pairs, has 4 in the validation part", smallJson.get("tar_at_far_0_1_not_estimable"));
        Cli notPower = Cli.run("verify", "--embeddings", te.toString(), "--labels", tl.toString(), "--validation-embeddings", ve.toString(),
                "--validation-labels", vl.toString(), "--far", "0.05");
        assertEquals(Main.BAD_INPUT, notPower.code());
        assertTrue(notPower.oneLineError() && notPower.err().contains("powers of ten"), notPower.err());
    }
}
