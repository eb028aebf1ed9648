package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict with rejection on hand-checked one-dimensional embeddings, exact and through an index. */
class PredictCommandTest {
    @TempDir
    Path tmp;

    /** Gallery on a line: a at 0, 1, 2; b at 10, 11, 12. */
    private Path gallery() throws Exception {
        Path p = tmp.resolve("gallery.csv");
        Files.writeString(p, "e0,label\n0,a\n1,a\n2,a\n10,b\n11,b\n12,b\n");
        return p;
    }

    /** Queries: 1 (clearly a), 5.5 (between: neighbours 2a at 3.5, then 1a and 10b tied at 4.5), 11 (clearly b, but labelled c: unknown class). */
    private Path queries() throws Exception {
        Path p = tmp.resolve("queries.csv");
        Files.writeString(p, "e0,label\n1,a\n5.5,a\n11,c\n");
        return p;
    }

    @Test
    void votesConfidencesRejectionAndRiskCoverage() throws Exception {
        Path curve = tmp.resolve("curve.csv");
        Cli run = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--k", "3",
                "--reject-below", "0.7", "--curve", curve.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("row,prediction,confidence,nearest_distance", "0,a,1.0,0.0", "1,unknown,0.6666666666666666,12.25", "2,b,1.0,0.0"),
                run.out().lines().toList());
        // right: rows 0 and 1 (row 1 abstained on), row 2 wrong; AURC: ties at 1.0 give risk 1/2 for two rows, then 1/3
        assertTrue(run.err().contains("accuracy 0.66667; answered 2 of 3 (coverage 0.66667) with accuracy 0.50000; AURC 0.44444"), run.err());
        // the gallery's read time is printed apart from the search, whose rate counts the search alone
        assertTrue(run.err().matches("(?s)predicted 3 rows \\(k 3, exact\\): gallery read in [0-9.]+ s, search [0-9.]+ s \\([0-9]+ rows/s; "
                + "[0-9.]+ CPU s, ([0-9]+|–) rows per CPU s\\)\n.*"), run.err());
        assertEquals(List.of("threshold,coverage,risk,accuracy,answered,errors", "1.0,0.6666666666666666,0.5,0.5,2,1",
                "0.6666666666666666,1.0,0.3333333333333333,0.6666666666666667,3,1"), Files.readAllLines(curve));

        Cli byRate = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--k", "3", "--reject-rate", "0.4");
        assertEquals(run.out(), byRate.out(), "rejecting at most 40% abstains on the one least confident row");
        Cli byDistance = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--k", "1", "--reject-distance", "1");
        assertEquals("1,unknown,1.0,12.25", byDistance.out().lines().toList().get(2));
    }

    @Test
    void indexGivesTheExactAnswersWhenItsBeamCoversTheGallery() throws Exception {
        Path index = tmp.resolve("idx");
        assertEquals(0, Cli.run("index", "build", "--data", gallery().toString(), "--out", index.toString()).code());
        Cli exact = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--k", "3", "--confidence", "distance_ratio");
        Cli approx = Cli.run("predict", "--data", queries().toString(), "--index", index.toString(), "--k", "3", "--confidence", "distance_ratio");
        assertEquals(0, approx.code(), approx.err());
        assertEquals(exact.out(), approx.out());
        // row 1: d_pred = 3.5 (to 2, a), d_other = 4.5 (to 10, b): 4.5 / 8
        assertEquals("1,a,0.5625,12.25", approx.out().lines().toList().get(2));
        Cli int8 = Cli.run("predict", "--data", queries().toString(), "--index", index.toString(), "--k", "3", "--confidence", "distance_ratio",
                "--walk", "int8");
        assertEquals(0, int8.code(), int8.err());
        assertEquals(exact.out(), int8.out(), "the int8 walk's candidates are re-ranked exactly");
        assertTrue(int8.err().contains("int8 walk"), int8.err());
    }

    @Test
    void badRequestsAreOneLineErrors() throws Exception {
        Cli bigK = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--k", "7");
        assertEquals(Main.BAD_INPUT, bigK.code());
        assertTrue(bigK.oneLineError() && bigK.err().contains("--k 7 must be between 1 and the 6 gallery rows"), bigK.err());
        Cli badRate = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--reject-rate", "1.5");
        assertEquals(Main.BAD_INPUT, badRate.code());
        assertTrue(badRate.oneLineError() && badRate.err().contains("outside [0, 1)"), badRate.err());
        Path unlabelled = tmp.resolve("u.csv");
        Files.writeString(unlabelled, "e0\n1\n2\n");
        Cli noLabels = Cli.run("predict", "--data", queries().toString(), "--reference", unlabelled.toString());
        assertEquals(Main.BAD_INPUT, noLabels.code());
        assertTrue(noLabels.oneLineError() && noLabels.err().contains("no label column"), noLabels.err());
        Cli both = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--index", tmp.toString());
        assertEquals(Main.USAGE, both.code());
        Cli badWalk = Cli.run("predict", "--data", queries().toString(), "--reference", gallery().toString(), "--walk", "fp16");
        assertEquals(Main.BAD_INPUT, badWalk.code());
        assertTrue(badWalk.oneLineError() && badWalk.err().contains("graph walk 'fp16' is not float32 or int8"), badWalk.err());
    }
}
