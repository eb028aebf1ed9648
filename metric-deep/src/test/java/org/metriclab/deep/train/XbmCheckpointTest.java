package org.metriclab.deep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.DeepCatalog;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.deep.loss.MemoryState;

/**
 * Cross-batch memory in epoch checkpoints: four epochs straight and two epochs, a checkpoint, then two
 * resumed epochs give the same checkpoint byte for byte (network, optimiser state and the memory's rows,
 * labels, write position and fill count) and identical embeddings; a damaged or mismatched memory part is
 * one line naming the file and the way out.
 */
class XbmCheckpointTest {
    private static final int MEMORY = 500;
    private static final int DIM = 8;

    /** Six Gaussian classes in 20 dimensions, 100 rows each. */
    static Dataset blobs() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 600;
        double[] x = new double[n * 20];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 6;
            for (int j = 0; j < 20; j++) {
                x[i * 20 + j] = (j % 6 == y[i] ? 2.0 : 0.0) + r.nextGaussian();
            }
        }
        return new Dataset("blobs6", Matrix.of(n, 20, x), Labels.of(y));
    }

    static Map<String, Object> xbm(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("hidden", List.of(16), "embedding_size", DIM, "batch_size", 120, "m", 20, "epochs", 4,
                "loss", "cross_batch_memory", "loss.memory_size", MEMORY, "loss.miner", "pair_margin"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The same network with plain contrastive loss and the pair-margin miner (no memory). */
    static Map<String, Object> plain(Object... kv) {
        Map<String, Object> m = xbm(kv);
        m.remove("loss.memory_size");
        m.remove("loss.miner");
        m.put("loss", "contrastive");
        m.put("miner", "pair_margin");
        return m;
    }

    static EmbeddingMetric fit(Map<String, Object> p) {
        return (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(p)).fit(blobs(), FitContext.seeded(7));
    }

    /** The memory part at the end of a checkpoint whose memory holds {@code fill} rows of width {@code dim}. */
    static MemoryState memoryOf(Path file, int fill, int dim) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int part = 1 + 3 * Integer.BYTES + 4 * Integer.BYTES + fill * dim * Double.BYTES + fill * Integer.BYTES + Long.BYTES;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - part, part));
        return MemoryPart.read(in, file).orElseThrow();
    }

    @Test
    void resumedRunContinuesWithTheSameMemory(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight.ckpt");
        EmbeddingMetric a = fit(xbm("checkpoint", straight.toString()));
        Path halves = dir.resolve("halves.ckpt");
        fit(xbm("checkpoint", halves.toString(), "epochs", 2));
        MemoryState half = memoryOf(halves, MEMORY, DIM);
        // 2 epochs × 5 batches × 120 rows = 1200 rows: the memory has wrapped twice and writes next at slot 200
        assertEquals(MEMORY, half.fill());
        assertEquals(200, half.next());
        EmbeddingMetric b = fit(xbm("checkpoint", halves.toString(), "resume", true));
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(halves), "checkpoints after 4 epochs must be identical");
        Matrix probe = blobs().x().topRows(50);
        assertEquals(a.embed(probe), b.embed(probe));
        assertEquals(a.trainingLog().epochLoss(), b.trainingLog().epochLoss());
        MemoryState end = memoryOf(halves, MEMORY, DIM);
        assertEquals(400, end.next());
        MemoryState ref = memoryOf(straight, MEMORY, DIM);
        assertArrayEquals(ref.rows(), end.rows());
        assertArrayEquals(ref.labels(), end.labels());
        assertFalse(java.util.Arrays.equals(half.rows(), end.rows()), "the memory moved on after resuming");
    }

    @Test
    void aMemoryNotYetFullIsRestoredWithItsFillCount(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("s.ckpt");
        Map<String, Object> big = Map.of("loss.memory_size", 2000);
        Map<String, Object> p = xbm("checkpoint", straight.toString(), "epochs", 2);
        p.putAll(big);
        EmbeddingMetric a = fit(p);
        Path halves = dir.resolve("h.ckpt");
        Map<String, Object> first = xbm("checkpoint", halves.toString(), "epochs", 1);
        first.putAll(big);
        fit(first);
        MemoryState one = memoryOf(halves, 600, DIM);
        assertEquals(600, one.fill());
        assertEquals(600, one.next());
        Map<String, Object> rest = xbm("checkpoint", halves.toString(), "epochs", 2, "resume", true);
        rest.putAll(big);
        EmbeddingMetric b = fit(rest);
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(halves));
        assertEquals(a.embed(blobs().x().topRows(30)), b.embed(blobs().x().topRows(30)));
        assertEquals(1200, memoryOf(halves, 1200, DIM).fill());
    }

    private static String refusal(Map<String, Object> p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(p));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("resume: false"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void damagedOrMismatchedMemoryIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("run.ckpt");
        fit(xbm("checkpoint", ck.toString(), "epochs", 1));
        byte[] good = Files.readAllBytes(ck);
        String name = ck.toString();

        byte[] flipped = good.clone();
        flipped[flipped.length - 20] ^= 0x10;
        Files.write(ck, flipped);
        String m = refusal(xbm("checkpoint", name, "resume", true));
        assertTrue(m.contains(name) && m.contains("checksum mismatch"), m);

        int part = 1 + 3 * Integer.BYTES + 4 * Integer.BYTES + MEMORY * DIM * Double.BYTES + MEMORY * Integer.BYTES + Long.BYTES;
        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(newer.length - part + 1 + Integer.BYTES, 2);
        Files.write(ck, newer);
        m = refusal(xbm("checkpoint", name, "resume", true));
        assertTrue(m.contains(name) && m.contains("format version 2"), m);

        Files.write(ck, java.util.Arrays.copyOf(good, good.length - 100));
        m = refusal(xbm("checkpoint", name, "resume", true));
        assertTrue(m.contains(name) && m.contains("damaged"), m);

        Files.write(ck, good);
        m = refusal(xbm("checkpoint", name, "resume", true, "loss.memory_size", 400));
        assertTrue(m.contains(name) && m.contains("500 rows but loss.memory_size is 400"), m);
        m = refusal(plain("checkpoint", name, "resume", true));
        assertTrue(m.contains(name) && m.contains("holds a cross-batch memory but loss 'contrastive' keeps none"), m);

        Path plain = dir.resolve("plain.ckpt");
        fit(plain("checkpoint", plain.toString(), "epochs", 1));
        m = refusal(xbm("checkpoint", plain.toString(), "resume", true));
        assertTrue(m.contains(plain.toString()) && m.contains("holds no cross-batch memory"), m);
    }

    @Test
    void inconsistentStatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryState(10, 2, 3, 4, new double[8], new int[4]));
        assertThrows(IllegalArgumentException.class, () -> new MemoryState(10, 2, 10, 10, new double[20], new int[10]));
        assertThrows(IllegalArgumentException.class, () -> new MemoryState(10, 2, 4, 4, new double[6], new int[4]));
        assertThrows(IllegalArgumentException.class, () -> new MemoryState(10, 0, 4, 4, new double[0], new int[4]));
        assertEquals(0, MemoryState.empty(5).fill());
        assertEquals(3, new MemoryState(4, 1, 1, 4, new double[4], new int[] {0, 3, 1, 2}).maxLabel());
    }
}
