package org.metriclab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.LabeledData;
import org.metriclab.experiments.config.DatasetSpec;

class DataSourcesTest {
    @TempDir
    Path dir;

    private static byte[] idx(int dims, int n, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x0800 | dims);
        out.writeInt(n);
        if (dims == 3) {
            out.writeInt(1);
            out.writeInt(2);
        }
        out.write(payload);
        return b.toByteArray();
    }

    private void write(String name, byte[] bytes, boolean gz) throws IOException {
        try (OutputStream o = gz ? new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz"))) : Files.newOutputStream(dir.resolve(name))) {
            o.write(bytes);
        }
    }

    @Test
    void idxDirectoryGivesTrainThenTestWithPixelsInUnitRange() throws IOException {
        write("train-images-idx3-ubyte", idx(3, 3, new byte[] {0, (byte) 255, 51, 102, (byte) 204, 0}), true);
        write("train-labels-idx1-ubyte", idx(1, 3, new byte[] {0, 1, 0}), true);
        write("t10k-images-idx3-ubyte", idx(3, 2, new byte[] {(byte) 255, (byte) 255, 0, 0}), false);
        write("t10k-labels-idx1-ubyte", idx(1, 2, new byte[] {1, 0}), false);
        LabeledData d = DataSources.load(new DatasetSpec.Idx("fashion_mnist", dir, 0));
        assertEquals(5, d.dataset().size());
        assertEquals(2, d.dataset().dim());
        assertArrayEquals(new double[] {0, 1}, d.dataset().x().row(0));
        assertArrayEquals(new double[] {0.2, 0.4}, d.dataset().x().row(1), 1e-15);
        assertArrayEquals(new double[] {1, 1}, d.dataset().x().row(3));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, d.dataset().labels().toArray());
        assertArrayEquals(new int[] {0, 1, 2}, d.split().orElseThrow().train());
        assertArrayEquals(new int[] {3, 4}, d.split().orElseThrow().test());

        LabeledData limited = DataSources.load(new DatasetSpec.Idx("fashion_mnist", dir, 1));
        assertEquals(2, limited.dataset().size(), "limit applies to each part");
    }

    @Test
    void missingIdxDataSaysHowToGetIt() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataSources.load(new DatasetSpec.Idx("fashion_mnist", dir.resolve("absent"), 0)));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist") && e.getMessage().contains("idx.dir"), e.getMessage());
        DataFormatException partial = assertThrows(DataFormatException.class,
                () -> DataSources.load(new DatasetSpec.Idx("fashion_mnist", dir, 0)));
        assertTrue(partial.getMessage().contains("train-images-idx3-ubyte"), partial.getMessage());
    }

    @Test
    void csvWithSplitFile() throws IOException {
        Path csv = dir.resolve("toy.csv");
        Files.writeString(csv, "a,cls\n1,x\n2,y\n3,x\n4,y\n");
        Path split = dir.resolve("toy.split.csv");
        Files.writeString(split, "is_test\n0\n0\n1\n1\n");
        LabeledData d = DataSources.load(new DatasetSpec.Csv("toy", csv, "cls", Optional.of(split)));
        assertEquals("toy", d.dataset().name());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.dataset().labels().toArray());
        assertArrayEquals(new int[] {2, 3}, d.split().orElseThrow().test());
    }
}
