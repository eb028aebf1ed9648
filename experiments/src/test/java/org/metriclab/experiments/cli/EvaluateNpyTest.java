package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.data.NpyBytes;
import org.metriclab.experiments.jackson.Trees;

/** {@code metriclab evaluate --format npy} and {@code --distance cosine}. */
class EvaluateNpyTest {
    @TempDir
    Path dir;

    /** Writes a little-endian NumPy v1.0 file: header dict padded with spaces to a 64-byte boundary. */
    private static void npy(Path file, String descr, String shape, ByteBuffer body) throws IOException {
        Files.write(file, NpyBytes.of(descr, shape, body.array()));
    }

    @Test
    void npyInputGivesTheSameValuesAsCsv() throws IOException {
        Path src = EvaluateCommandTest.fixture("random_self");
        Matrix x = CsvReader.readMatrix(src.resolve("embeddings.csv"), false);
        int[] y = CsvReader.readLabels(src.resolve("labels.csv"), false).toArray();
        ByteBuffer xs = ByteBuffer.allocate(8 * x.rows() * x.cols()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : x.toArray()) {
            xs.putDouble(v);
        }
        ByteBuffer ys = ByteBuffer.allocate(8 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : y) {
            ys.putLong(v);
        }
        npy(dir.resolve("x.npy"), "<f8", "(" + x.rows() + ", " + x.cols() + ")", xs);
        npy(dir.resolve("y.npy"), "<i8", "(" + y.length + ",)", ys);
        String measures = "precision_at_1,mean_average_precision_at_r,r_precision";
        Cli csv = Cli.run("evaluate", "--embeddings", src.resolve("embeddings.csv").toString(), "--labels",
                src.resolve("labels.csv").toString(), "--measures", measures);
        Cli np = Cli.run("evaluate", "--format", "npy", "--embeddings", dir.resolve("x.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--measures", measures);
        assertEquals(0, np.code(), np.err());
        assertEquals((Map<?, ?>) Trees.parseYaml(csv.out(), "csv"), (Map<?, ?>) Trees.parseYaml(np.out(), "npy"));
    }

    @Test
    void cosineDistanceIgnoresRowScaleWhileEuclideanDoesNot() throws IOException {
        Path src = EvaluateCommandTest.fixture("random_self");
        Matrix x = CsvReader.readMatrix(src.resolve("embeddings.csv"), false);
        StringBuilder scaled = new StringBuilder();
        for (int i = 0; i < x.rows(); i++) {
            double f = 0.1 + (i * 7 % 13);
            StringBuilder row = new StringBuilder();
            for (double v : x.row(i)) {
                row.append(row.length() == 0 ? "" : ",").append(v * f);
            }
            scaled.append(row).append('\n');
        }
        Files.writeString(dir.resolve("scaled.csv"), scaled.toString());
        String labels = src.resolve("labels.csv").toString();
        String measures = "precision_at_1,mean_average_precision_at_r";
        Cli plain = Cli.run("evaluate", "--distance", "cosine", "--embeddings", src.resolve("embeddings.csv").toString(),
                "--labels", labels, "--measures", measures);
        Cli rescaled = Cli.run("evaluate", "--distance", "cosine", "--embeddings", dir.resolve("scaled.csv").toString(),
                "--labels", labels, "--measures", measures);
        Cli euclid = Cli.run("evaluate", "--embeddings", dir.resolve("scaled.csv").toString(), "--labels", labels, "--measures", measures);
        assertEquals(0, plain.code(), plain.err());
        Map<?, ?> a = (Map<?, ?>) Trees.parseYaml(plain.out(), "a");
        Map<?, ?> b = (Map<?, ?>) Trees.parseYaml(rescaled.out(), "b");
        for (Object k : a.keySet()) {
            assertEquals(((Number) a.get(k)).doubleValue(), ((Number) b.get(k)).doubleValue(), 1e-12, k.toString());
        }
        assertTrue(!a.equals(Trees.parseYaml(euclid.out(), "c")), "row scaling must change the Euclidean result");
    }

    @Test
    void progressBarGoesToStderrOnlyWhenAskedAndLeavesStdoutJson() {
        Path src = EvaluateCommandTest.fixture("random_self");
        String[] base = {"evaluate", "--embeddings", src.resolve("embeddings.csv").toString(), "--labels",
                src.resolve("labels.csv").toString(), "--measures", "precision_at_1"};
        Cli quiet = Cli.run(base);
        String[] withBar = java.util.Arrays.copyOf(base, base.length + 1);
        withBar[base.length] = "--progress";
        Cli shown = Cli.run(withBar);
        assertEquals(0, shown.code(), shown.err());
        assertTrue(quiet.err().isBlank(), quiet.err());
        assertTrue(shown.err().contains("queries") && shown.err().contains("201/201"), shown.err());
        assertEquals(Trees.parseYaml(quiet.out(), "q"), Trees.parseYaml(shown.out(), "s"));
    }

    @Test
    void aCsvFileReadAsNpyIsAOneLineError() {
        Path src = EvaluateCommandTest.fixture("random_self");
        Cli r = Cli.run("evaluate", "--format", "npy", "--embeddings", src.resolve("embeddings.csv").toString(), "--labels",
                src.resolve("labels.csv").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.oneLineError(), r.err());
    }
}
