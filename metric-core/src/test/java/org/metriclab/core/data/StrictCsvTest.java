package org.metriclab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict CSV input layer: labels never truncated, exact shapes, plain decimals, clear positions. */
class StrictCsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String datasetError(String csv) {
        return assertThrows(DataFormatException.class,
                () -> CsvReader.readDataset(new StringReader(csv), "t.csv", "t", null)).getMessage();
    }

    @Test
    void labelsBeyondTheIntRangeStayDistinctClasses() throws Exception {
        Labels l = CsvReader.readLabels(write("l.csv", "2147483648\n2147483649\n2147483650\n2147483648\n"), false);
        assertArrayEquals(new int[] {0, 1, 2, 0}, l.toArray());
        Labels huge = CsvReader.readLabels(write("h.csv", "99999999999999999999999\n-5\n99999999999999999999998\n"), false);
        assertArrayEquals(new int[] {2, 0, 1}, huge.toArray());
        Dataset d = CsvReader.readDataset(new StringReader("a,label\n1,4294967296\n2,4294967297\n3,0\n"), "t.csv", "t", null);
        assertArrayEquals(new int[] {1, 2, 0}, d.labels().toArray());
    }

    @Test
    void intLabelsAreTheirOwnIdsSoClassesNamedInSettingsKeepTheirMeaning() {
        ClassDictionary ints = ClassDictionary.of(List.of("10", "9", "07", "7", "+7", "-1"));
        assertEquals(List.of("-1", "7", "9", "10"), ints.names());
        assertArrayEquals(new int[] {10, 9, 7, 7, 7, -1}, ints.encode(List.of("10", "9", "07", "7", "+7", "-1")).toArray());
        assertEquals("7", ints.name(7));
        Dataset d = CsvReader.readDataset(new StringReader("a,label\n1,3\n2,1\n3,2\n"), "t.csv", "t", null);
        assertArrayEquals(new int[] {3, 1, 2}, d.labels().toArray());
        assertThrows(IllegalArgumentException.class, () -> ints.encode(List.of("8")));
    }

    @Test
    void otherLabelsAreNumberedDenselyInTheirOrder() {
        ClassDictionary big = ClassDictionary.of(List.of("2147483648", "5", "-99999999999"));
        assertArrayEquals(new int[] {2, 1, 0}, big.encode(List.of("2147483648", "5", "-99999999999")).toArray());
        assertEquals("2147483648", big.name(2));
        ClassDictionary names = ClassDictionary.of(List.of("cat", "ant", "10", "9"));
        assertEquals(List.of("10", "9", "ant", "cat"), names.names());
        assertArrayEquals(new int[] {3, 2, 0}, names.encode(List.of("cat", "ant", "10")).toArray());
        ClassDictionary shared = ClassDictionary.of(List.of(List.of("x5", "x3"), List.of("x3", "x4")));
        assertArrayEquals(new int[] {1, 0}, shared.encode(List.of("x4", "x3")).toArray());
    }

    @Test
    void classIndicesAreKeptAsWrittenNotRenumbered() throws Exception {
        assertArrayEquals(new int[] {0, 2, 2, 5}, CsvReader.readClassIndices(write("i.csv", "0\n2\n\n+2\n5\n"), false).toArray());
        for (String bad : List.of("cat", "-1", "2147483648", "1.0")) {
            String m = assertThrows(DataFormatException.class, () -> CsvReader.readClassIndices(write("b.csv", "0\n\n" + bad + "\n"), false))
                    .getMessage();
            assertTrue(m.contains("b.csv:3") && m.contains("not a class index"), m);
        }
    }

    @Test
    void aLabelsFileHasExactlyOneColumn() throws Exception {
        String m = assertThrows(DataFormatException.class, () -> CsvReader.readLabels(write("l.csv", "0\n0,1\n"), false)).getMessage();
        assertTrue(m.contains("l.csv:2") && m.contains("exactly one value") && m.contains("found 2"), m);
    }

    @Test
    void duplicateOrEmptyColumnNamesAreRejected() {
        String m = datasetError("a,b,c,label,label\n1,2,3,0,1\n");
        assertTrue(m.contains("'label' appears twice") && m.contains("columns 4 and 5"), m);
        m = datasetError("a,a,label\n1,2,0\n");
        assertTrue(m.contains("'a' appears twice"), m);
        m = datasetError("a,,label\n1,2,0\n");
        assertTrue(m.contains("column 2") && m.contains("no name"), m);
    }

    @Test
    void onlyPlainFiniteDecimalsAreNumbers() {
        for (String bad : List.of("5.1d", "3.5f", "0x1p3", "1_000", "0x10", "1e", ".", "--1", "1.5D")) {
            String m = datasetError("a,label\n" + bad + ",0\n");
            assertTrue(m.contains("t.csv:2") && m.contains("expected a number") && m.contains("'" + bad + "'"), m);
        }
        for (String nonFinite : List.of("NaN", "Infinity", "-Infinity", "inf")) {
            String m = datasetError("a,label\n" + nonFinite + ",0\n");
            assertTrue(m.contains("non-finite"), m);
        }
        Dataset ok = CsvReader.readDataset(new StringReader("a,b,c,label\n+1,-.5,1.5E-3,0\n 2. ,1e150,-1e150,1\n"), "t.csv", "t", null);
        assertEquals(1e150, ok.x().get(1, 1));
    }

    @Test
    void valuesWhoseSquareOverflowsAreRejectedWithTheirPosition() {
        for (String big : List.of("1e308", "-1.1e150", "1e400")) {
            String m = datasetError("a,b,label\n1,2,0\n3," + big + ",1\n");
            assertTrue(m.contains("t.csv:3") && m.contains("column 'b'") && m.contains("too large") && m.contains("rescale"), m);
        }
    }

    @Test
    void aByteOrderMarkIsDroppedFromTheFirstHeaderName() throws Exception {
        Path p = dir.resolve("bom.csv");
        Files.write(p, ("\uFEFFa,b,label\n1,2,0\n3,4,1\n").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"a", "b", "label"}, CsvReader.header(p).orElseThrow());
        assertEquals(List.of("a", "b"), CsvReader.readTable(p, "label").featureNames());
    }

    @Test
    void lineNumbersCountBlankLines() {
        String m = datasetError("a,b,label\n1,2,0\n\n\n3,x,1\n");
        assertTrue(m.contains("t.csv:5"), m);
        m = datasetError("\n\na,b,label\n1,2\n");
        assertTrue(m.contains("t.csv:4"), m);
    }

    @Test
    void nonUtf8InputNamesTheLineAndByteOffset() throws Exception {
        Path p = dir.resolve("latin.csv");
        Files.write(p, new byte[] {'a', ',', 'l', 'a', 'b', 'e', 'l', '\n', '1', ',', (byte) 0xE9, '\n'});
        String m = assertThrows(DataFormatException.class, () -> CsvReader.readDataset(p, null)).getMessage();
        assertTrue(m.contains("latin.csv:2") && m.contains("not UTF-8") && m.contains("0xe9") && m.contains("byte offset 10"), m);
    }

    @Test
    void anInputWithoutLineBreaksFailsAtTheLineLimit() {
        Reader endless = new Reader() {
            @Override
            public int read(char[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, '0');
                return len;
            }

            @Override
            public void close() {
            }
        };
        String m = assertThrows(DataFormatException.class, () -> CsvReader.readMatrix(endless, "endless", false)).getMessage();
        assertTrue(m.contains("endless:1") && m.contains("line longer than"), m);
    }

    @Test
    void aDirectoryOrMissingFileIsNamedAsSuch() {
        String m = assertThrows(DataFormatException.class, () -> CsvReader.readMatrix(dir, false)).getMessage();
        assertTrue(m.contains("is a directory"), m);
        assertFalse(m.contains("no such file"), m);
        m = assertThrows(DataFormatException.class, () -> CsvReader.readMatrix(dir.resolve("nope.csv"), false)).getMessage();
        assertTrue(m.endsWith("nope.csv: no such file"), m);
    }

    @Test
    void aTableKeepsLabelsAsWrittenAndMakesTheLabelColumnOptional() throws Exception {
        Path p = write("t.csv", "a,label,b\n1,cat,2\n3,2147483648,4\n");
        CsvTable t = CsvReader.readTable(p, "label");
        assertEquals(List.of("a", "b"), t.featureNames());
        assertEquals(List.of("cat", "2147483648"), t.labels().orElseThrow());
        CsvTable none = CsvReader.readTable(write("u.csv", "a,b\n1,2\n"), "label");
        assertEquals(List.of("a", "b"), none.featureNames());
        assertTrue(none.labels().isEmpty());
    }
}
