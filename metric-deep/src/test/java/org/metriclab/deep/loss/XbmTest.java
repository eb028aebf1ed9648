package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.resource.InsufficientMemoryException;

/**
 * {@code cross_batch_memory} beyond the PML goldens: its gradient is the derivative with respect to the
 * anchor rows with the memory references held constant (checked by finite differences on the wrapped
 * loss), every run starts with an empty memory, and misuse gives one-line messages.
 */
class XbmTest {
    private static final int N = 6;
    private static final int D = 4;

    @Test
    void gradientIsTheAnchorDerivativeWithConstantReferences() {
        for (Map<String, Object> p : new Map[] {Map.of("memory_size", 10), Map.of("loss", "triplet_margin", "loss.margin", 0.4, "memory_size", 8),
                Map.of("loss", "ntxent", "loss.temperature", 0.5, "memory_size", 9), Map.of("miner", "pair_margin", "memory_size", 10)}) {
            CrossBatchMemory xbm = (CrossBatchMemory) Losses.loss("cross_batch_memory", p);
            MetricLoss run = xbm.forRun();
            double[] first = LossGradientTest.randomBlock(N, D, 5);
            int[] y1 = {0, 1, 2, 0, 1, 2};
            run.evaluate(new LossBatch(first, N, D, y1, null, null));
            double[] x = LossGradientTest.randomBlock(N, D, 6);
            int[] y2 = {2, 2, 1, 1, 0, 0};
            LossOutput out = run.evaluate(new LossBatch(x.clone(), N, D, y2, null, null));
            assertTrue(out.value() > 0, p + " value " + out.value());
            // the same step as the wrapped loss sees it: memory = the first batch, then this one (which wraps when the memory is small)
            int size = xbm.memorySize();
            double[] memory = new double[size * D];
            int[] memLabels = new int[size];
            int[] slot = new int[N];
            for (int i = 0; i < 2 * N; i++) {
                int s = i % size;
                System.arraycopy(i < N ? first : x, (i % N) * D, memory, s * D, D);
                memLabels[s] = i < N ? y1[i] : y2[i - N];
                if (i >= N) {
                    slot[i - N] = s;
                }
            }
            int count = Math.min(size, 2 * N);
            double h = 1e-6;
            double maxErr = 0;
            for (int k = 0; k < N * D; k++) {
                double[] up = x.clone();
                up[k] += h;
                double[] down = x.clone();
                down[k] -= h;
                double fd = (innerValue(xbm, up, y2, memory, memLabels, count, slot) - innerValue(xbm, down, y2, memory, memLabels, count, slot)) / (2 * h);
                maxErr = Math.max(maxErr, Math.abs(fd - out.gradEmbeddings()[k]));
            }
            assertTrue(maxErr < 1e-6, p + " max finite-difference error " + maxErr);
        }
    }

    /** The wrapped loss on [anchors; constant memory] over all anchor→memory pairs minus self comparisons (mined when configured). */
    private static double innerValue(CrossBatchMemory xbm, double[] x, int[] y, double[] memory, int[] memLabels, int count, int[] slot) {
        double[] joined = new double[(N + count) * D];
        int[] labels = new int[N + count];
        System.arraycopy(x, 0, joined, 0, N * D);
        System.arraycopy(memory, 0, joined, N * D, count * D);
        System.arraycopy(y, 0, labels, 0, N);
        System.arraycopy(memLabels, 0, labels, N, count);
        Tuples.Pairs candidates = xbm.miner() == null ? null
                : Tuples.toPairs(xbm.miner().mine(joined, N + count, D, labels, new java.util.SplittableRandom(0)), labels);
        PairCollector out = new PairCollector(N, count);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < count; j++) {
                boolean keep = candidates == null || contains(labels[i] == labels[N + j] ? candidates.a1() : candidates.a2(),
                        labels[i] == labels[N + j] ? candidates.p() : candidates.n(), i, N + j);
                if (!keep) {
                    continue;
                }
                if (labels[i] == labels[N + j]) {
                    if (j != slot[i]) {
                        out.positive(i, N + j);
                    }
                } else {
                    out.negative(i, N + j);
                }
            }
        }
        return xbm.loss().evaluate(new LossBatch(joined, N + count, D, labels, out.pairs(), null)).value();
    }

    private static boolean contains(int[] a, int[] b, int i, int j) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] == i && b[k] == j) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyRunStartsEmptyAndTheRecordIsTheFirstStep() {
        CrossBatchMemory xbm = (CrossBatchMemory) Losses.loss("cross_batch_memory", Map.of("memory_size", 12));
        double[] x = LossGradientTest.randomBlock(N, D, 7);
        int[] y = {0, 1, 2, 0, 1, 2};
        LossBatch b = new LossBatch(x, N, D, y, null, null);
        double plain = Losses.loss("contrastive", Map.of()).evaluate(b).value();
        assertEquals(plain, xbm.evaluate(b).value(), 1e-12, "an empty memory plus this batch: all pairs of the batch");
        MetricLoss run = xbm.forRun();
        run.evaluate(new LossBatch(LossGradientTest.randomBlock(N, D, 8), N, D, y, null, null));
        double second = run.evaluate(b).value();
        assertTrue(Math.abs(second - plain) > 1e-6, "the second step also compares with the first batch's rows: " + second + " vs " + plain);
        assertEquals(plain, xbm.forRun().evaluate(b).value(), 1e-12, "a new run has a new, empty memory");
    }

    @Test
    void misuseIsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.loss("cross_batch_memory", Map.of("loss", "multi_similarity")));
        assertTrue(e.getMessage().contains("cannot wrap loss 'multi_similarity'; use one of contrastive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("cross_batch_memory", Map.of("miner", "batch_hard")));
        assertTrue(e.getMessage().contains("pair_margin or none"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("cross_batch_memory", Map.of("loss.bogus", 1)));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        MetricLoss run = Losses.loss("cross_batch_memory", Map.of("memory_size", 4)).forRun();
        double[] x = LossGradientTest.randomBlock(N, D, 7);
        e = assertThrows(IllegalArgumentException.class, () -> run.evaluate(new LossBatch(x, N, D, new int[N], null, null)));
        assertTrue(e.getMessage().contains("raise loss.memory_size or lower batch_size"), e.getMessage());
        MetricLoss huge = Losses.loss("cross_batch_memory", Map.of("memory_size", 2_000_000_000)).forRun();
        InsufficientMemoryException oom = assertThrows(InsufficientMemoryException.class,
                () -> huge.evaluate(new LossBatch(x, N, D, new int[N], null, null)));
        assertTrue(oom.getMessage().contains("cross_batch_memory with memory_size 2000000000 and batches of 6 needs about"), oom.getMessage());
        assertTrue(oom.getMessage().contains("lower loss.memory_size"), oom.getMessage());
        Tuples mined = Tuples.allPairs(new int[N]);
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.loss("cross_batch_memory", Map.of()).evaluate(new LossBatch(x, N, D, new int[N], mined, null)));
        assertTrue(e.getMessage().contains("set the learner's miner to none"), e.getMessage());
        Map<String, Object> resolved = Losses.loss("cross_batch_memory", Map.of("loss", "triplet_margin")).params();
        assertEquals(0.05, resolved.get("loss.margin"), "the wrapped loss's defaults show");
    }
}
