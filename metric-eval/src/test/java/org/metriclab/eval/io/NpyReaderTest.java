package org.metriclab.eval.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;

/** .npy files written byte by byte as NumPy does (magic, version, little-endian header length, padded dict). */
class NpyReaderTest {
    @TempDir
    Path dir;

    /** The bytes np.save writes for a version-1.0 file with this header dict and body. */
    static byte[] npy(int major, String dict, byte[] body) {
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        int total = prefix + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int len = header.length();
        if (major == 1) {
            out.writeBytes(new byte[] {(byte) len, (byte) (len >> 8)});
        } else {
            out.writeBytes(new byte[] {(byte) len, (byte) (len >> 8), (byte) (len >> 16), (byte) (len >> 24)});
        }
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "x", ".npy");
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsFloat32CorderLittleEndian() throws IOException {
        Path p = write(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                floats(ByteOrder.LITTLE_ENDIAN, 1.5f, -2f, 0.1f, 4f, 5f, 6f)));
        EmbeddingRows e = NpyReader.readEmbeddings(p);
        assertEquals(2, e.rows());
        assertEquals(3, e.dim());
        assertArrayEquals(new double[] {4, 5, 6}, e.row(1));
        assertEquals((double) 0.1f, e.row(0)[2]);
    }

    @Test
    void readsFloat64BigEndianAndVersion2() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(3.25).putDouble(-1e-300);
        Matrix m = NpyReader.readMatrix(write(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", b.array())));
        assertEquals(3.25, m.get(0, 0));
        assertEquals(-1e-300, m.get(0, 1));
        Matrix v2 = NpyReader.readMatrix(write(npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", doubles(7, 8))));
        assertEquals(8.0, v2.get(1, 0));
    }

    @Test
    void readsIntegerLabels() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(-1).putLong(7);
        assertArrayEquals(new int[] {3, -1, 7},
                NpyReader.readLabels(write(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", b.array()))));
        assertArrayEquals(new int[] {200, 1},
                NpyReader.readLabels(write(npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1), }", new byte[] {(byte) 200, 1}))));
    }

    private String error(byte[] bytes, boolean labels) throws IOException {
        Path p = write(bytes);
        return assertThrows(DataFormatException.class, () -> {
            if (labels) {
                NpyReader.readLabels(p);
            } else {
                NpyReader.readEmbeddings(p);
            }
        }).getMessage();
    }

    @Test
    void rejectsWhatItCannotRead() throws IOException {
        byte[] six = floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", six), false).contains("Fortran"));
        assertTrue(error(npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", six), false).contains("'<f2'"));
        assertTrue(error(npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", six), false).contains("float32"));
        assertTrue(error(npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (2, 3), }", six), false).contains("dtype"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", six), false).contains("2-D"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }", six), false).contains("(1, 2, 3)"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", new byte[0]), false).contains("at least one row"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }", six), false).contains("truncated"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }", six), false).contains("extra bytes"));
        assertTrue(error("PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1), false).contains("magic"));
        assertTrue(error(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", six), true).contains("integer dtype"));
        assertTrue(error(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", new byte[16]), true).contains("(n,)"));
        byte[] nan = floats(ByteOrder.LITTLE_ENDIAN, 1, Float.NaN);
        Path p = write(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", nan));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NpyReader.readEmbeddings(p)).getMessage().contains("finite"));
    }
}
