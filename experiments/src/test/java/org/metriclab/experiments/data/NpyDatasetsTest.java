package org.metriclab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.LabeledData;
import org.metriclab.experiments.config.DatasetSpec;

/** Config datasets from .npy files: train/test parts form the split; labels that disagree with the rows are one line. */
class NpyDatasetsTest {
    @TempDir
    Path dir;

    private Path npy(String name, String descr, String shape, ByteBuffer body) throws IOException {
        return Files.write(dir.resolve(name), NpyBytes.of(descr, shape, body.array()));
    }

    private Path floats(String name, int rows, int cols) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            b.putFloat(i * 0.5f);
        }
        return npy(name, "<f4", "(" + rows + ", " + cols + ")", b);
    }

    private Path labels(String name, int... y) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : y) {
            b.putInt(v);
        }
        return npy(name, "<i4", "(" + y.length + ",)", b);
    }

    @Test
    void trainAndTestFilesFormTheFixedSplit() throws IOException {
        DatasetSpec.Npy spec = new DatasetSpec.Npy("toy", floats("x.npy", 4, 2), labels("y.npy", 0, 1, 0, 1),
                Optional.of(floats("tx.npy", 2, 2)), Optional.of(labels("ty.npy", 1, 0)));
        LabeledData d = DataSources.load(spec);
        assertEquals(6, d.dataset().size());
        assertArrayEquals(new double[] {0, 0.5}, d.dataset().x().row(0));
        assertArrayEquals(new double[] {0, 0.5}, d.dataset().x().row(4), "test rows follow the training rows");
        assertEquals(2, d.split().orElseThrow().test().length);
    }

    @Test
    void labelsThatDisagreeWithTheRowsAreOneLineNamingBothFiles() throws IOException {
        DatasetSpec.Npy spec = new DatasetSpec.Npy("toy", floats("x.npy", 4, 2), labels("y.npy", 0, 1, 0),
                Optional.empty(), Optional.empty());
        String e = assertThrows(DataFormatException.class, () -> DataSources.load(spec)).getMessage();
        assertTrue(e.contains("x.npy has 4 rows (shape (4, 2)) but") && e.contains("y.npy has 3 labels"), e);
        assertFalse(e.contains("\n"));
        DatasetSpec.Npy missing = new DatasetSpec.Npy("toy", dir.resolve("nope.npy"), labels("y2.npy", 0), Optional.empty(), Optional.empty());
        assertTrue(assertThrows(DataFormatException.class, () -> DataSources.load(missing)).getMessage().contains("no such file"));
    }
}
