package org.metriclab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.linalg.Matrix;

class ReadersTest {
    @TempDir
    Path dir;

    private static String err(String csv) {
        return assertThrows(DataFormatException.class,
                () -> CsvReader.readDataset(new StringReader(csv), "t.csv", "t", null)).getMessage();
    }

    @Test
    void readsLabelByNameOrLastColumn() {
        Dataset d = CsvReader.readDataset(new StringReader("a,label,b\n1,0,2\n3,1,4\n"), "t.csv", "t", null);
        assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}}), d.x());
        assertArrayEquals(new int[] {0, 1}, d.labels().toArray());
        Dataset last = CsvReader.readDataset(new StringReader("a,b,cls\n1,2,x\n3,4,y\n5,6,x\n"), "t.csv", "t", null);
        assertArrayEquals(new int[] {0, 1, 0}, last.labels().toArray());
    }

    @Test
    void malformedFilesGiveTheLineAndTheExpectation() {
        assertTrue(err("").contains("empty file"));
        assertTrue(err("a,label\n").contains("only a header"));
        String m = err("a,b,label\n1,2,0\n1,x,1\n");
        assertTrue(m.contains("t.csv:3") && m.contains("expected a number") && m.contains("'x'"), m);
        m = err("a,b,label\n1,2,0\n1,2\n");
        assertTrue(m.contains("t.csv:3") && m.contains("expected 3"), m);
        m = err("a,b,label\n1,NaN,0\n");
        assertTrue(m.contains("non-finite") && m.contains("t.csv:2"), m);
        m = assertThrows(DataFormatException.class, () -> CsvReader.readDataset(new StringReader("a,b\n1,2\n"), "t.csv", "t", "y")).getMessage();
        assertTrue(m.contains("no column named 'y'"), m);
    }

    @Test
    void missingFileIsNamed() {
        String m = assertThrows(DataFormatException.class, () -> CsvReader.readDataset(dir.resolve("nope.csv"), null)).getMessage();
        assertTrue(m.contains("nope.csv"), m);
    }

    @Test
    void builtInDatasetsHaveTheirDocumentedShapesAndSplits() {
        int[][] expected = {{150, 4, 3, 105, 45}, {178, 13, 3, 124, 54}, {569, 30, 2, 398, 171}, {1797, 64, 10, 1257, 540}};
        for (int k = 0; k < 4; k++) {
            LabeledData ld = BuiltinDatasets.load(BuiltinDatasets.NAMES.get(k));
            assertEquals(expected[k][0], ld.dataset().size());
            assertEquals(expected[k][1], ld.dataset().dim());
            assertEquals(expected[k][2], ld.dataset().labels().classCount());
            assertEquals(expected[k][3], ld.split().orElseThrow().train().length);
            assertEquals(expected[k][4], ld.split().orElseThrow().test().length);
        }
        assertThrows(IllegalArgumentException.class, () -> BuiltinDatasets.load("irs"));
    }

    private static void writeIdx(OutputStream raw, int magic, int[] dims, byte[] payload) throws IOException {
        try (DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(payload);
        }
    }

    @Test
    void readsIdxPlainAndGzipped() throws IOException {
        Path img = dir.resolve("img.idx");
        Path lab = dir.resolve("lab.idx.gz");
        writeIdx(Files.newOutputStream(img), 0x00000803, new int[] {2, 2, 2}, new byte[] {0, 1, 2, (byte) 255, 4, 5, 6, 7});
        writeIdx(new GZIPOutputStream(Files.newOutputStream(lab)), 0x00000801, new int[] {2}, new byte[] {3, 9});
        Dataset d = IdxReader.readDataset("tiny", img, lab, 0);
        assertEquals(Matrix.of(new double[][] {{0, 1, 2, 255}, {4, 5, 6, 7}}), d.x());
        assertArrayEquals(new int[] {3, 9}, d.labels().toArray());
        assertEquals(1, IdxReader.readImages(img, 1).rows());
    }

    @Test
    void badIdxFilesAreExplained() throws IOException {
        Path empty = dir.resolve("empty.idx");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(empty, 0)).getMessage().contains("empty"));
        Path wrong = dir.resolve("wrong.idx");
        writeIdx(Files.newOutputStream(wrong), 0x12345678, new int[] {1}, new byte[] {1});
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(wrong, 0)).getMessage().contains("magic"));
        Path shortFile = dir.resolve("short.idx");
        writeIdx(Files.newOutputStream(shortFile), 0x00000803, new int[] {5, 2, 2}, new byte[] {1, 2, 3});
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(shortFile, 0)).getMessage().contains("ends early"));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(dir.resolve("none"), 0)).getMessage().contains("no such file"));
    }

    @Test
    void datasetRejectsWrongShapesAndNaN() {
        Matrix x = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dataset("d", x, Labels.of(1))).getMessage().contains("2 rows"));
        Matrix nan = Matrix.of(new double[][] {{1, Double.NaN}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dataset("d", nan, Labels.of(1))).getMessage().contains("non-finite"));
    }
}
