package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.jackson.Trees;

/** fit, transform and evaluate never lose a label, overwrite an input or print a non-finite number with exit 0. */
class InputIntegrityTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void assertBadInput(Cli r, String... fragments) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
    }

    /** 3 overlapping classes on a line: precision@1 is well below 1. */
    private Path embeddings() throws Exception {
        return write("e.csv", IntStream.range(0, 30).mapToObj(i -> (i % 3) * 0.4 + (i * 7919 % 13) * 0.1 + "," + (i * 31 % 7) * 0.1)
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private Path labels(String name, long offset) throws Exception {
        return write(name, IntStream.range(0, 30).mapToObj(i -> Long.toString(offset + i % 3)).collect(Collectors.joining("\n", "", "\n")));
    }

    private static double precisionAt1(Cli r) {
        assertEquals(0, r.code(), r.err());
        return ((Number) ((Map<?, ?>) Trees.parseYaml(r.out(), "stdout")).get("precision_at_1")).doubleValue();
    }

    @Test
    void labelsBeyondTheIntRangeEvaluateLikeSmallOnes() throws Exception {
        Path e = embeddings();
        double small = precisionAt1(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", labels("s.csv", 0).toString(),
                "--measures", "precision_at_1"));
        double big = precisionAt1(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", labels("b.csv", 2147483648L).toString(),
                "--measures", "precision_at_1"));
        assertTrue(small < 0.9, "the data are not separable: " + small);
        assertEquals(small, big);
    }

    /** Queries use two of the references' three classes: numbering each file on its own would pair the wrong classes. */
    @Test
    void queryAndReferenceLabelsShareOneNumbering() throws Exception {
        Path e = embeddings();
        double big = precisionAt1(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", column("q.csv", 5_000_000_001L, 2).toString(),
                "--reference-embeddings", e.toString(), "--reference-labels", column("r.csv", 5_000_000_000L, 3).toString(),
                "--measures", "precision_at_1"));
        double small = precisionAt1(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", column("sq.csv", 1, 2).toString(),
                "--reference-embeddings", e.toString(), "--reference-labels", column("sr.csv", 0, 3).toString(),
                "--measures", "precision_at_1"));
        assertEquals(small, big);
    }

    private Path column(String name, long offset, int classes) throws Exception {
        return write(name, IntStream.range(0, 30).mapToObj(i -> Long.toString(offset + i % classes)).collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void aTwoColumnLabelsFileIsRefused() throws Exception {
        Path l = write("l.csv", IntStream.range(0, 30).mapToObj(i -> "0," + i % 3).collect(Collectors.joining("\n", "", "\n")));
        assertBadInput(Cli.run("evaluate", "--embeddings", embeddings().toString(), "--labels", l.toString()), "l.csv:1", "exactly one value");
    }

    @Test
    void transformRefusesToOverwriteItsInput() throws Exception {
        Path data = write("d.csv", "a,b,label\n1,2,0\n3,3,1\n2,2,0\n3,1,1\n");
        Path model = tmp.resolve("m.json");
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--data", data.toString(), "--out", model.toString()).code());
        String before = Files.readString(data);
        Path sameViaOtherSpelling = tmp.resolve("x/../d.csv");
        Files.createDirectories(tmp.resolve("x"));
        assertBadInput(Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", sameViaOtherSpelling.toString()),
                "same file as --data");
        assertBadInput(Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", model.toString()),
                "same file as --model");
        assertEquals(before, Files.readString(data));
    }

    @Test
    void hugeValuesAreRefusedAtInputAndOverflowIsNeverWritten() throws Exception {
        Path huge = write("h.csv", "a,b,label\n1,2,0\n1e308,3,1\n2,2,0\n3,1,1\n");
        assertBadInput(Cli.run("fit", "--learner", "euclidean", "--standardize", "--data", huge.toString(), "--out", tmp.resolve("h.json").toString()),
                "h.csv:3", "column 'a'", "too large");
        Path model = write("big.json", "{\"format\":\"metriclab-model\",\"version\":1,\"learner\":\"euclidean\",\"params\":{},\"seed\":0,"
                + "\"standardize\":false,\"trained_on\":\"x\",\"features\":[\"a\",\"b\"],\"label_column\":\"label\","
                + "\"metric\":{\"kind\":\"mahalanobis\",\"L\":[[1e300,0],[0,1]]}}");
        Path data = write("d.csv", "a,b,label\n1,2,0\n1e100,3,1\n");
        Path out = tmp.resolve("t.csv");
        assertBadInput(Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", out.toString()),
                "data row 2", "Infinity");
        assertFalse(Files.exists(out));
    }

    @Test
    void modelFileMessagesSayWhatIsWrong() throws Exception {
        Path data = write("d.csv", "a,b,label\n1,2,0\n3,3,1\n2,2,0\n3,1,1\n");
        Path model = tmp.resolve("m.json");
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--standardize", "--data", data.toString(), "--out", model.toString()).code());
        String json = Files.readString(model);
        Path v = write("v.json", json.replaceFirst("\"version\" : 1", "\"version\" : \"1\""));
        assertBadInput(Cli.run("transform", "--model", v.toString(), "--data", data.toString(), "--out", tmp.resolve("t.csv").toString()),
                "'version' must be the integer 1", "the string \"1\"");
        Path k = write("k.json", json.replaceFirst("\"kept\" : \\[ 0, 1 \\]", "\"kept\" : [ 0, 99 ]"));
        assertTrue(Files.readString(k).contains("99"), "the fixture edits kept: " + json);
        assertBadInput(Cli.run("transform", "--model", k.toString(), "--data", data.toString(), "--out", tmp.resolve("t.csv").toString()),
                "'kept[1]' = 99", "not a feature index");
        Files.createDirectories(tmp.resolve("dir"));
        assertBadInput(Cli.run("transform", "--model", tmp.resolve("dir").toString(), "--data", data.toString(), "--out",
                tmp.resolve("t.csv").toString()), "is a directory");
        assertBadInput(Cli.run("fit", "--learner", "euclidean", "--data", tmp.resolve("dir").toString(), "--out", model.toString()),
                "is a directory");
        assertBadInput(Cli.run("evaluate", "--embeddings", tmp.resolve("dir").toString(), "--labels", data.toString()), "is a directory");
    }

    @Test
    void aByteOrderMarkDoesNotChangeTheFeatureNames() throws Exception {
        Path bom = tmp.resolve("bom.csv");
        Files.write(bom, ("\uFEFFa,b,label\n1,2,0\n3,3,1\n2,2,0\n3,1,1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path model = tmp.resolve("m.json");
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--data", bom.toString(), "--out", model.toString()).code());
        assertEquals(List.of("a", "b"), ((Map<?, ?>) Trees.readJson(model)).get("features"));
        Path plain = write("p.csv", "a,b,label\n1,2,0\n");
        assertEquals(0, Cli.run("transform", "--model", model.toString(), "--data", plain.toString(), "--out", tmp.resolve("t.csv").toString()).code());
    }

    @Test
    void oversizedRequestsEndWithOneLineNamingTheLimit() throws Exception {
        Path e = embeddings();
        Path l = labels("l.csv", 0);
        assertBadInput(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", l.toString(), "--reference-embeddings", e.toString(),
                "--reference-labels", l.toString(), "--bootstrap", "2000000000"), "at most 1000000 resamples");
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertBadInput(Cli.run("evaluate", "--embeddings", zero.toString(), "--labels", l.toString()), "/dev/zero:1", "line longer than");
        }
    }

    @Test
    void aModelWithANonFiniteValueIsNeverWritten() {
        Map<String, Object> tree = Map.of("kind", "mahalanobis", "L", List.of(List.of(1.0, 0.0), List.of(0.0, Double.POSITIVE_INFINITY)));
        assertEquals("metric.L[1][1]", FitCommand.nonFinite(tree, "metric").orElseThrow());
        assertTrue(FitCommand.nonFinite(Map.of("L", List.of(List.of(1.0))), "metric").isEmpty());
    }

    @Test
    void evaluateHelpFormatsCleanly() {
        Cli r = Cli.run("evaluate", "--help");
        assertEquals(0, r.code());
        assertFalse((r.out() + r.err()).contains("WARN"), r.out() + r.err());
        assertTrue(r.out().contains("95% bootstrap intervals"), r.out());
    }
}
