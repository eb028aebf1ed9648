package org.metriclab.eval.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.linalg.Matrix;

/** Memory-mapped .npy rows agree with the in-heap reader and refuse the same malformed files. */
class MappedNpyTest {
    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "x", ".npy");
        Files.write(p, bytes);
        return p;
    }

    @Test
    void rowsEqualNpyReaderForFloat32BigEndianAndFloat64() throws IOException {
        Path f4 = write(NpyReaderTest.npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (3, 2), }",
                NpyReaderTest.floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f, 0.1f, 4f, 5f, 6f)));
        Path f8 = write(NpyReaderTest.npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                NpyReaderTest.doubles(1e-3, 2, -3, 4.25)));
        for (Path p : new Path[] {f4, f8}) {
            MappedNpy m = MappedNpy.open(p);
            Matrix expected = NpyReader.readMatrix(p);
            assertEquals(expected.rows(), m.rows());
            assertEquals(expected.cols(), m.dim());
            int[] all = new int[m.rows()];
            for (int i = 0; i < all.length; i++) {
                all[i] = all.length - 1 - i;
            }
            assertArrayEquals(expected.rows(all).toArray(), m.gather(all));
        }
    }

    @Test
    void truncatedOrOverlongBodiesAndWrongDtypesAreRefusedInOneLine() throws IOException {
        Path shortBody = write(NpyReaderTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                NpyReaderTest.doubles(1, 2, 3)));
        Path longBody = write(NpyReaderTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                NpyReaderTest.doubles(1, 2, 3)));
        Path ints = write(NpyReaderTest.npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }",
                NpyReaderTest.doubles(1, 2)));
        assertTrue(message(shortBody).contains("truncated data: expected 32 bytes"), message(shortBody));
        assertTrue(message(longBody).contains("extra bytes"), message(longBody));
        assertTrue(message(ints).contains("float32 ('<f4') or float64"), message(ints));
    }

    private static String message(Path p) {
        String m = assertThrows(DataFormatException.class, () -> MappedNpy.open(p)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void labelsThatDisagreeWithTheRowsNameBothShapes() throws IOException {
        Path x = write(NpyReaderTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                NpyReaderTest.doubles(1, 2, 3, 4)));
        MappedNpy m = MappedNpy.open(x);
        String e = assertThrows(DataFormatException.class, () -> m.requireLabels(3, "y.npy")).getMessage();
        assertTrue(e.contains("has 2 rows (shape (2, 2)) but y.npy has 3 labels") && e.contains("shape (2,)"), e);
        m.requireLabels(2, "y.npy");
    }

    @Test
    void aNonFiniteValueFailsWhenItsRowIsRead() throws IOException {
        Path x = write(NpyReaderTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                NpyReaderTest.doubles(1, 2, 3, Double.NaN)));
        MappedNpy m = MappedNpy.open(x);
        assertArrayEquals(new double[] {1, 2}, m.gather(new int[] {0}));
        String e = assertThrows(DataFormatException.class, () -> m.gather(new int[] {1})).getMessage();
        assertTrue(e.contains("row 1, column 1 is not finite"), e);
    }
}
