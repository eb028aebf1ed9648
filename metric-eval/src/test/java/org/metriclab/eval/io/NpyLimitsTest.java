package org.metriclab.eval.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metriclab.eval.io.NpyReaderTest.doubles;
import static org.metriclab.eval.io.NpyReaderTest.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;

/** Declared shapes that overflow, negative sizes, label values of any width and out-of-range embeddings. */
class NpyLimitsTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void aShapeWhoseProductOverflowsIsOneClearError() throws IOException {
        Path p = write("big.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", new byte[0]));
        String m = assertThrows(DataFormatException.class, () -> NpyReader.readMatrix(p)).getMessage();
        assertTrue(m.contains("big.npy") && m.contains("(4294967296, 4294967296)") && m.contains("more than one Java array holds"), m);
        Path l = write("biglab.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (9223372036854775807, 1), }", new byte[0]));
        m = assertThrows(DataFormatException.class, () -> NpyReader.readLabelValues(l)).getMessage();
        assertTrue(m.contains("biglab.npy") && m.contains("Java array"), m);
    }

    @Test
    void aNegativeSizeNamesTheFile() throws IOException {
        Path p = write("neg.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (-5,), }", new byte[0]));
        String m = assertThrows(DataFormatException.class, () -> NpyReader.readLabels(p)).getMessage();
        assertTrue(m.startsWith(p.toString()) && m.contains("negative dimension -5"), m);
    }

    @Test
    void labelValuesKeepEvery64BitValue() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2147483648L).putLong(-1).putLong(Long.MAX_VALUE);
        assertEquals(List.of("2147483648", "-1", "9223372036854775807"),
                NpyReader.readLabelValues(write("i8.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", b.array()))));
        ByteBuffer u = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1);
        assertEquals(List.of("18446744073709551615"),
                NpyReader.readLabelValues(write("u8.npy", npy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", u.array()))));
    }

    @Test
    void embeddingsBeyondTheMagnitudeLimitAreRejected() throws IOException {
        Path p = write("e.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", doubles(1, 2, 3, 1e308)));
        String m = assertThrows(DataFormatException.class, () -> NpyReader.readMatrix(p)).getMessage();
        assertTrue(m.contains("row 1, column 1") && m.contains("too large"), m);
    }

    @Test
    void aDirectoryIsNamedAsSuch() {
        String m = assertThrows(DataFormatException.class, () -> NpyReader.readMatrix(dir)).getMessage();
        assertTrue(m.contains("is a directory"), m);
    }
}
