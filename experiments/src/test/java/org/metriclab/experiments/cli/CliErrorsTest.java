package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.TwoClassCatalog;

/** Bad input ends with exit code 1 (2 for a bad command line) and a one-line reason, never a stack trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertBadInput(Cli r, String... fragments) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err());
        assertTrue(r.err().startsWith("metriclab: error: "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
    }

    @Test
    void nanInEmbeddings() throws Exception {
        Path e = write("e.csv", "0.1,0.2\nNaN,0.3\n0.5,0.1\n");
        Path l = write("l.csv", "0\n1\n0\n");
        assertBadInput(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", l.toString()), "e.csv:2", "non-finite", "NaN");
    }

    @Test
    void nanInTrainingData() throws Exception {
        Path d = write("d.csv", "a,b,label\n1,2,0\n3,NaN,1\n");
        assertBadInput(Cli.run("fit", "--learner", "euclidean", "--data", d.toString(), "--out", tmp.resolve("m.json").toString()),
                "d.csv:3", "non-finite");
    }

    @Test
    void wrongShapes() throws Exception {
        Path e = write("e.csv", "0.1,0.2\n0.3,0.3\n0.5,0.1\n");
        Path l = write("l.csv", "0\n1\n");
        assertBadInput(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", l.toString()), "2 labels", "3 rows");
        Path r = write("r.csv", "0.1,0.2,0.3\n0.3,0.3,0.3\n");
        Path rl = write("rl.csv", "0\n1\n");
        Path l3 = write("l3.csv", "0\n1\n0\n");
        assertBadInput(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", l3.toString(),
                "--reference-embeddings", r.toString(), "--reference-labels", rl.toString()), "3-dimensional", "2-dimensional");
        Path ragged = write("ragged.csv", "0.1,0.2\n0.3\n0.5,0.1\n");
        assertBadInput(Cli.run("evaluate", "--embeddings", ragged.toString(), "--labels", l3.toString()), "ragged.csv:2");
        assertBadInput(Cli.run("evaluate", "--embeddings", e.toString(), "--labels", l3.toString(), "--reference-labels", rl.toString()),
                "go together");
    }

    @Test
    void oneClassDataForALearnerThatNeedsTwo() throws Exception {
        Path d = write("one.csv", "a,b,label\n1,2,0\n3,4,0\n5,7,0\n");
        assertBadInput(Cli.run("fit", "--learner", TwoClassCatalog.NAME, "--data", d.toString(), "--out", tmp.resolve("m.json").toString()),
                "needs at least two classes", "has 1");
    }

    @Test
    void emptyFiles() throws Exception {
        Path empty = write("empty.csv", "");
        Path l = write("l.csv", "0\n1\n");
        assertBadInput(Cli.run("evaluate", "--embeddings", empty.toString(), "--labels", l.toString()), "empty.csv", "no data rows");
        assertBadInput(Cli.run("fit", "--learner", "euclidean", "--data", empty.toString(), "--out", tmp.resolve("m.json").toString()),
                "empty file");
        assertBadInput(Cli.run("run", write("empty.yaml", "").toString()), "empty.yaml", "empty file");
    }

    @Test
    void unknownLearnerAndParameter() throws Exception {
        assertBadInput(Cli.run("fit", "--learner", "nope", "--data", "iris", "--out", tmp.resolve("m.json").toString()),
                "unknown learner 'nope'; known: ", "covariance", "euclidean");
        assertBadInput(Cli.run("fit", "--learner", "covariance", "--param", "kk=3", "--data", "iris", "--out", tmp.resolve("m.json").toString()),
                "unknown parameter 'kk' for learner 'covariance'; known: rcond");
        assertBadInput(Cli.run("fit", "--learner", "euclidean", "--data", "no_such_data", "--out", tmp.resolve("m.json").toString()),
                "neither a built-in dataset");
    }

    @Test
    void invalidConfigsFailBeforeRunningWithThePath() throws Exception {
        Path out = tmp.resolve("results");
        Path cfg = write("bad.yaml", "name: bad\ndatasets: [iris]\nlearners:\n  - {type: euclidean}\n  - {type: covariance, params: {kk: 1}}\n");
        assertBadInput(Cli.run("run", cfg.toString(), "--out", out.toString()),
                "learners[1].params.kk: unknown parameter 'kk' for learner 'covariance'; known: rcond");
        assertTrue(Files.notExists(out), "nothing ran, nothing written");
        Path syntax = write("syntax.yaml", "name: [unclosed\n");
        assertBadInput(Cli.run("run", syntax.toString(), "--out", out.toString()), "syntax.yaml:");
        Path fm = write("fm.yaml", "name: fm\ndatasets: [{name: fashion_mnist, idx: {dir: " + tmp.resolve("nowhere") + "}}]\nlearners: [{type: euclidean}]\n");
        assertBadInput(Cli.run("run", fm.toString(), "--out", out.toString()), "datasets[0]", "apt-get install dataset-fashion-mnist", "idx.dir");
        assertBadInput(Cli.run("run", tmp.resolve("missing.yaml").toString()), "missing.yaml", "no such file");
    }

    @Test
    void badCommandLinesExitWithUsageCode() {
        Cli r = Cli.run("evaluate", "--labels", "x.csv");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("--embeddings"), r.err());
        assertEquals(Main.USAGE, Cli.run("list", "colours").code());
        assertEquals(Main.USAGE, Cli.run("frobnicate").code());
        assertEquals(0, Cli.run("--help").code());
        Cli t = Cli.run("table", tmp.toString(), "--format", "pdf");
        assertBadInput(t, "unknown table format 'pdf'");
    }
}
