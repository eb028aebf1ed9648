package org.metriclab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.LabeledData;
import org.metriclab.experiments.config.DatasetSpec;

/** Config datasets from .npz archives equal the same arrays given as .npy files; bad archives are one line. */
class NpzArchivesTest {
    @TempDir
    Path dir;

    private static byte[] npy(String descr, String shape, ByteBuffer body) {
        return NpyBytes.of(descr, shape, body.array());
    }

    private static byte[] floats(int rows, int cols, float start) {
        ByteBuffer b = ByteBuffer.allocate(4 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            b.putFloat(start + i * 0.25f);
        }
        return npy("<f4", "(" + rows + ", " + cols + ")", b);
    }

    private static byte[] labels(int... y) {
        ByteBuffer b = ByteBuffer.allocate(8 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : y) {
            b.putLong(v);
        }
        return npy("<i8", "(" + y.length + ",)", b);
    }

    private Path zip(String name, Map<String, byte[]> members, int method) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream f = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(f)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey());
                if (method == ZipEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(m.getValue());
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(m.getValue().length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Map<String, byte[]> members() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("train_x.npy", floats(5, 3, 1));
        m.put("train_y.npy", labels(0, 1, 1, 0, 2));
        m.put("test_x.npy", floats(2, 3, -4));
        m.put("test_y.npy", labels(2, 0));
        return m;
    }

    @Test
    void storedAndCompressedArchivesEqualTheSameArraysAsNpyFiles() throws IOException {
        Map<String, byte[]> m = members();
        LabeledData files = DataSources.load(new DatasetSpec.Npy("toy", file("a.npy", m.get("train_x.npy")), file("b.npy", m.get("train_y.npy")),
                Optional.of(file("c.npy", m.get("test_x.npy"))), Optional.of(file("d.npy", m.get("test_y.npy")))));
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            Path archive = zip("toy" + method + ".npz", m, method);
            LabeledData z = DataSources.load(new DatasetSpec.Npz("toy", archive, "train_x", "train_y", Optional.of("test_x"), Optional.of("test_y")));
            assertEquals(7, z.dataset().size());
            assertArrayEquals(files.dataset().x().toArray(), z.dataset().x().toArray(), 0.0);
            assertArrayEquals(files.dataset().labels().toArray(), z.dataset().labels().toArray());
            assertArrayEquals(files.split().orElseThrow().test(), z.split().orElseThrow().test());
            assertArrayEquals(new double[] {-4, -3.75, -3.5}, z.dataset().x().row(5), 0.0, "test rows follow the training rows");
        }
    }

    @Test
    void missingArraysDamagedArchivesAndDisagreeingLabelsAreOneLine() throws IOException {
        Path archive = zip("toy.npz", members(), ZipEntry.DEFLATED);
        String missing = assertThrows(DataFormatException.class, () -> DataSources.load(
                new DatasetSpec.Npz("toy", archive, "x", "train_y", Optional.empty(), Optional.empty()))).getMessage();
        assertTrue(missing.contains("has no array 'x' (it holds test_x, test_y, train_x, train_y)"), missing);
        String traversal = assertThrows(DataFormatException.class, () -> DataSources.load(
                new DatasetSpec.Npz("toy", archive, "../train_x", "train_y", Optional.empty(), Optional.empty()))).getMessage();
        assertTrue(traversal.contains("has no array '../train_x'"), traversal);

        Path notZip = file("plain.npz", floats(2, 2, 0));
        String damaged = assertThrows(DataFormatException.class, () -> DataSources.load(
                new DatasetSpec.Npz("toy", notZip, "x", "labels", Optional.empty(), Optional.empty()))).getMessage();
        assertTrue(damaged.contains("is not a readable .npz (zip) archive") && damaged.contains("numpy.savez"), damaged);

        Map<String, byte[]> short3 = members();
        short3.put("train_y.npy", labels(0, 1, 1));
        Path bad = zip("bad.npz", short3, ZipEntry.DEFLATED);
        String rows = assertThrows(DataFormatException.class, () -> DataSources.load(
                new DatasetSpec.Npz("toy", bad, "train_x", "train_y", Optional.empty(), Optional.empty()))).getMessage();
        assertTrue(rows.contains(bad + ":train_x.npy has 5 rows") && rows.contains(bad + ":train_y.npy has 3 labels"), rows);
        String absent = assertThrows(DataFormatException.class, () -> DataSources.load(
                new DatasetSpec.Npz("toy", dir.resolve("none.npz"), "x", "labels", Optional.empty(), Optional.empty()))).getMessage();
        assertTrue(absent.contains("no such file"), absent);
        for (String e : new String[] {missing, traversal, damaged, rows, absent}) {
            assertFalse(e.contains("\n"), e);
        }
    }
}
