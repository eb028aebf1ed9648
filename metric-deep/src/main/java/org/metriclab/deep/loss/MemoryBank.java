package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.metriclab.core.resource.MemoryBudget;

/**
 * The memory of one {@link CrossBatchMemory} training run: a ring buffer of embeddings and labels, filled
 * batch by batch in arrival order. Mutable and confined to the run that created it.
 */
final class MemoryBank implements MetricLoss {
    private final CrossBatchMemory config;
    private double[] memory;
    private int[] memoryLabels;
    private int dim;
    private int next;
    private boolean full;

    MemoryBank(CrossBatchMemory config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Map<String, Object> params() {
        return config.params();
    }

    @Override
    public Optional<MemoryState> memoryState() {
        if (memory == null) {
            return Optional.of(MemoryState.empty(config.memorySize()));
        }
        int fill = full ? config.memorySize() : next;
        return Optional.of(new MemoryState(config.memorySize(), dim, next, fill, Arrays.copyOf(memory, fill * dim), Arrays.copyOf(memoryLabels, fill)));
    }

    @Override
    public void restoreMemory(MemoryState s) {
        int size = config.memorySize();
        if (s.memorySize() != size) {
            throw new IllegalArgumentException("the stored cross-batch memory has " + s.memorySize() + " rows but loss.memory_size is " + size);
        }
        if (config.embeddingSize() > 0 && s.dim() > 0 && s.dim() != config.embeddingSize()) {
            throw new IllegalArgumentException("the stored cross-batch memory holds embeddings of " + s.dim() + " columns but embedding_size is "
                    + config.embeddingSize());
        }
        if (s.fill() == 0) {
            memory = null;
            memoryLabels = null;
            dim = 0;
        } else {
            dim = s.dim();
            memory = new double[size * dim];
            memoryLabels = new int[size];
            System.arraycopy(s.rows(), 0, memory, 0, s.rows().length);
            System.arraycopy(s.labels(), 0, memoryLabels, 0, s.fill());
        }
        next = s.next();
        full = s.fill() == size;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        if (b.mined() != null) {
            throw new IllegalArgumentException("cross_batch_memory mines against its memory itself: set the learner's miner to none and"
                    + " give the miner as loss.miner");
        }
        int n = b.n();
        int d = b.d();
        int size = config.memorySize();
        if (n > size) {
            throw new IllegalArgumentException("cross_batch_memory: a batch of " + n + " rows does not fit memory_size " + size
                    + "; raise loss.memory_size or lower batch_size");
        }
        if (config.embeddingSize() > 0 && config.embeddingSize() != d) {
            throw new IllegalArgumentException("cross_batch_memory: embedding_size=" + config.embeddingSize() + " but the embeddings have "
                    + d + " columns");
        }
        if (memory == null) {
            // a full memory: the stored rows, and the wrapped loss's (n + memory)² score and gradient matrices
            long rows = (long) n + size;
            long stored = MemoryBudget.bytes(size, d, MemoryBudget.DOUBLE);
            long scores = MemoryBudget.bytes(2 * rows, rows, MemoryBudget.DOUBLE);
            MemoryBudget.require(stored > Long.MAX_VALUE - scores ? Long.MAX_VALUE : stored + scores,
                    "cross_batch_memory with memory_size " + size + " and batches of " + n, "lower loss.memory_size");
            dim = d;
            memory = new double[size * d];
            memoryLabels = new int[size];
        } else if (d != dim) {
            throw new IllegalArgumentException("cross_batch_memory: embeddings changed from " + dim + " to " + d + " columns");
        }
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = (next + i) % size;
            System.arraycopy(b.x(), i * d, memory, slot[i] * d, d);
            memoryLabels[slot[i]] = b.labels()[i];
        }
        int before = next;
        next = (next + n) % size;
        if (!full && next <= before) {
            full = true;
        }
        int count = full ? size : next;
        double[] joined = new double[(n + count) * d];
        int[] labels = new int[n + count];
        System.arraycopy(b.x(), 0, joined, 0, n * d);
        System.arraycopy(memory, 0, joined, n * d, count * d);
        System.arraycopy(b.labels(), 0, labels, 0, n);
        System.arraycopy(memoryLabels, 0, labels, n, count);
        Tuples tuples = config.miner() == null ? allAnchorMemoryPairs(b.labels(), n, count, slot)
                : mined(b.x(), b.labels(), n, count, d, slot);
        LossOutput inner = config.loss().evaluate(new LossBatch(joined, n + count, d, labels, tuples, null));
        double[] g = new double[n * d];
        System.arraycopy(inner.gradEmbeddings(), 0, g, 0, n * d);
        return new LossOutput(inner.value(), g, null);
    }

    /** PML's {@code get_all_pairs_indices(labels, memory_labels)}, row-major, without self comparisons; memory rows offset by n. */
    private Tuples.Pairs allAnchorMemoryPairs(int[] y, int n, int count, int[] slot) {
        PairCollector out = new PairCollector(n, count);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < count; j++) {
                if (y[i] == memoryLabels[j]) {
                    if (j != slot[i]) {
                        out.positive(i, n + j);
                    }
                } else {
                    out.negative(i, n + j);
                }
            }
        }
        return out.pairs();
    }

    /** The miner's pairs of every batch row against every memory row (memory indices offset by n), self comparisons dropped. */
    private Tuples mined(double[] x, int[] y, int n, int count, int d, int[] slot) {
        Embeddings q = new Embeddings(x, n, d, true);
        Embeddings r = new Embeddings(Arrays.copyOf(memory, count * d), count, d, true);
        return config.miner().mine(new PairMatrix(PairMatrix.Kind.EUCLIDEAN, q, r), y, Arrays.copyOf(memoryLabels, count), n, slot);
    }
}
