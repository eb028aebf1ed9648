package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index build → search → add → search through the command line, and its one-line errors. */
class IndexCommandTest {
    @TempDir
    Path tmp;

    private Path csv(String name, int rows, int seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("f1,f2,f3,label\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            sb.append(c * 5 + r.nextGaussian()).append(',').append(r.nextGaussian()).append(',').append(-c + r.nextGaussian())
                    .append(',').append("class").append(c).append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void builtIndexAnswersLikeExactSearchAndTakesAddedRows() throws Exception {
        Path data = csv("gallery.csv", 120, 1);
        Path model = tmp.resolve("m.json");
        assertEquals(0, Cli.run("fit", "--learner", "covariance", "--data", data.toString(), "--out", model.toString()).code());
        Path index = tmp.resolve("idx");
        Cli build = Cli.run("index", "build", "--model", model.toString(), "--data", data.toString(), "--out", index.toString());
        assertEquals(0, build.code(), build.err());
        assertTrue(build.err().contains("indexed 120 rows of dimension 3"), build.err());

        Path queries = csv("queries.csv", 10, 2);
        Cli approx = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", queries.toString(),
                "--k", "5", "--ef-search", "120");
        Cli exact = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", queries.toString(),
                "--k", "5", "--exact");
        assertEquals(0, approx.code(), approx.err());
        assertEquals(0, exact.code(), exact.err());
        List<String> lines = approx.out().lines().toList();
        assertEquals("query,rank,row,distance,label", lines.get(0));
        assertEquals(1 + 10 * 5, lines.size());
        assertEquals(exact.out(), approx.out(), "a beam as wide as the gallery is exact");
        Cli int8 = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", queries.toString(),
                "--k", "5", "--ef-search", "120", "--walk", "int8");
        assertEquals(0, int8.code(), int8.err());
        assertEquals(exact.out(), int8.out(), "the int8 walk over the whole gallery, re-ranked exactly");
        Cli badWalk = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", queries.toString(),
                "--walk", "fp16");
        assertEquals(Main.BAD_INPUT, badWalk.code());
        assertTrue(badWalk.oneLineError() && badWalk.err().contains("graph walk 'fp16'"), badWalk.err());

        assertEquals(0, Cli.run("index", "add", "--index", index.toString(), "--model", model.toString(), "--data", queries.toString()).code());
        Cli self = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", queries.toString(), "--k", "1");
        assertEquals(0, self.code(), self.err());
        List<String> nearest = self.out().lines().skip(1).toList();
        for (int q = 0; q < 10; q++) {
            String[] f = nearest.get(q).split(",");
            assertEquals(Integer.toString(120 + q), f[2], "added query " + q + " finds itself");
            assertEquals(0.0, Double.parseDouble(f[3]));
        }
    }

    @Test
    void wrongModelDimensionKAndDamagedIndexAreOneLineErrors() throws Exception {
        Path data = csv("gallery.csv", 30, 3);
        Path model = tmp.resolve("m.json");
        Path other = tmp.resolve("other.json");
        assertEquals(0, Cli.run("fit", "--learner", "covariance", "--data", data.toString(), "--out", model.toString()).code());
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--data", data.toString(), "--out", other.toString()).code());
        Path index = tmp.resolve("idx");
        assertEquals(0, Cli.run("index", "build", "--model", model.toString(), "--data", data.toString(), "--out", index.toString()).code());

        Cli wrongModel = Cli.run("index", "search", "--index", index.toString(), "--model", other.toString(), "--queries", data.toString());
        assertEquals(Main.BAD_INPUT, wrongModel.code());
        assertTrue(wrongModel.oneLineError() && wrongModel.err().contains("use the model the index was built with"), wrongModel.err());

        Cli noModel = Cli.run("index", "search", "--index", index.toString(), "--queries", data.toString());
        assertEquals(Main.BAD_INPUT, noModel.code());
        assertTrue(noModel.oneLineError() && noModel.err().contains("raw embeddings"), noModel.err());

        Cli bigK = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", data.toString(), "--k", "31");
        assertEquals(Main.BAD_INPUT, bigK.code());
        assertTrue(bigK.oneLineError() && bigK.err().contains("--k 31 must be between 1 and the 30 gallery rows"), bigK.err());

        Cli again = Cli.run("index", "build", "--model", model.toString(), "--data", data.toString(), "--out", index.toString());
        assertEquals(Main.BAD_INPUT, again.code());
        assertTrue(again.oneLineError() && again.err().contains("not empty"), again.err());

        try (var files = Files.list(index)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".vec")).toList()) {
                byte[] b = Files.readAllBytes(p);
                Files.write(p, Arrays.copyOf(b, b.length - 7));
            }
        }
        Cli damaged = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", data.toString());
        assertEquals(Main.BAD_INPUT, damaged.code());
        assertTrue(damaged.oneLineError() && damaged.err().contains("damaged or incomplete"), damaged.err());

        Files.delete(index.resolve("metriclab-index.properties"));
        Cli unfinished = Cli.run("index", "search", "--index", index.toString(), "--model", model.toString(), "--queries", data.toString());
        assertEquals(Main.BAD_INPUT, unfinished.code());
        assertTrue(unfinished.oneLineError() && unfinished.err().contains("did not finish"), unfinished.err());
    }

    @Test
    void sweepPrintsOneCsvRowPerSetting() throws Exception {
        Cli sweep = Cli.run("index", "sweep", "--synthetic", "500x8", "--classes", "10", "--queries", "20", "--k", "5", "--m", "8",
                "--ef-search", "5,500", "--work", tmp.toString());
        assertEquals(0, sweep.code(), sweep.err());
        List<String> lines = sweep.out().lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("8,100,500,5,1.0000,"), lines.get(2));
        assertEquals(20, lines.get(2).split(",", -1).length, lines.get(2));
        assertEquals(20, lines.get(0).split(",").length, lines.get(0));
        assertTrue(lines.get(0).endsWith(",map_at_r_exact,map_at_r_approx,map_at_r_difference,walk"), lines.get(0));
        assertTrue(lines.get(2).endsWith(",float32"), lines.get(2));
        Cli both = Cli.run("index", "sweep", "--synthetic", "500x8", "--data", "x.csv");
        assertEquals(Main.BAD_INPUT, both.code());
        assertTrue(both.oneLineError(), both.err());
    }

    @Test
    void sweepWalksBothWaysAndKeepsGraphsForSyntheticDataOnly() throws Exception {
        Path keep = tmp.resolve("graphs");
        Cli sweep = Cli.run("index", "sweep", "--synthetic", "500x8", "--classes", "10", "--queries", "20", "--k", "5", "--m", "8",
                "--ef-search", "5,500", "--walk", "float32,int8", "--keep", keep.toString());
        assertEquals(0, sweep.code(), sweep.err());
        List<String> lines = sweep.out().lines().toList();
        assertEquals(5, lines.size());
        assertTrue(lines.get(3).startsWith("8,100,500,5,1.0000,") && lines.get(3).endsWith(",float32"), lines.get(3));
        assertTrue(lines.get(4).startsWith("8,100,500,5,1.0000,") && lines.get(4).endsWith(",int8"), lines.get(4));
        assertTrue(Files.exists(keep.resolve("m8-efc100").resolve("metriclab-index.properties")), "the graph is kept");
        Cli again = Cli.run("index", "sweep", "--synthetic", "500x8", "--classes", "10", "--queries", "20", "--k", "5", "--m", "8",
                "--ef-search", "5", "--keep", keep.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(lines.get(1).split(",")[5], again.out().lines().toList().get(1).split(",")[5], "the recorded build time is reported");
        Cli other = Cli.run("index", "sweep", "--synthetic", "500x8", "--classes", "9", "--queries", "20", "--k", "5", "--m", "8",
                "--ef-search", "5", "--keep", keep.toString());
        assertEquals(Main.BAD_INPUT, other.code());
        assertTrue(other.oneLineError() && other.err().contains("other data"), other.err());
        Cli badWalk = Cli.run("index", "sweep", "--synthetic", "500x8", "--walk", "fp16");
        assertEquals(Main.BAD_INPUT, badWalk.code());
        assertTrue(badWalk.oneLineError() && badWalk.err().contains("float32 or int8"), badWalk.err());
        Files.writeString(tmp.resolve("x.csv"), "a,label\n1,x\n2,y\n");
        Cli keepData = Cli.run("index", "sweep", "--data", tmp.resolve("x.csv").toString(), "--queries", "1", "--k", "1", "--keep", keep.toString());
        assertEquals(Main.BAD_INPUT, keepData.code());
        assertTrue(keepData.oneLineError() && keepData.err().contains("--keep works with --synthetic only"), keepData.err());
    }
}
