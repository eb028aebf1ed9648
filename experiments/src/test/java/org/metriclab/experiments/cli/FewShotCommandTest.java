package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metriclab fewshot} end to end: JSON per shot count, named labels, one-line errors. */
class FewShotCommandTest {

    /** Six far-apart 2-D clusters of 25 rows, labelled by name. */
    private static Path[] data(Path dir, int classes) throws Exception {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < 25; i++) {
                x.append(100 * c + (i % 5) * 0.1).append(',').append(-50 * c + (i / 5) * 0.1).append('\n');
                y.append("class_").append((char) ('a' + c)).append('\n');
            }
        }
        Path xp = dir.resolve("x.csv");
        Path yp = dir.resolve("y.csv");
        Files.writeString(xp, x);
        Files.writeString(yp, y);
        return new Path[] {xp, yp};
    }

    @Test
    void printsOneResultPerShotCount(@TempDir Path dir) throws Exception {
        Path[] f = data(dir, 6);
        Cli r = Cli.run("fewshot", "--embeddings", f[0].toString(), "--labels", f[1].toString(), "--episodes", "100", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(5, j.get("ways").asInt());
        assertEquals(1.0, j.get("results").get("5way_1shot").get("mean_accuracy").asDouble());
        assertEquals(1.0, j.get("results").get("5way_5shot").get("mean_accuracy").asDouble());
        assertEquals(0.0, j.get("results").get("5way_5shot").get("ci95").asDouble());
    }

    @Test
    void tooFewClassesIsOneLineExitOne(@TempDir Path dir) throws Exception {
        Path[] f = data(dir, 4);
        Cli r = Cli.run("fewshot", "--embeddings", f[0].toString(), "--labels", f[1].toString());
        assertEquals(1, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("need 5 classes of at least 16 rows; the data has 4; lower the ways, shots or queries"), r.err());
    }

    @Test
    void helpFormatsWithoutPicocliWarnings() {
        PrintStream keep = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        Cli r;
        try {
            r = Cli.run("fewshot", "--help");
        } finally {
            System.setErr(keep);
        }
        assertEquals(0, r.code());
        assertTrue(r.out().contains("with a 95% interval, as JSON."), r.out());
        assertEquals("", tracer.toString(StandardCharsets.UTF_8), "picocli reports a bad format string (an unescaped %)");
    }
}
