package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.metriclab.core.learn.Params;

/**
 * PML {@code CrossBatchMemory(loss, embedding_size, memory_size=1024, miner=None)} (XBM, Wang, Zhang,
 * Huang & Scott, CVPR 2020): a first-in-first-out memory of the last {@code memory_size} embeddings and
 * labels (constants for the gradient). Each batch is enqueued first, then its rows are the anchors and the
 * memory rows the references: all (anchor, memory) pairs, or those the wrapped miner picks, minus every
 * anchor's comparison with its own memory slot. The wrapped pair or triplet loss is evaluated on those
 * tuples; its gradient reaches only the batch rows.
 *
 * <p>Config: {@code loss} (wrapped loss, default contrastive) with its parameters as {@code loss.NAME};
 * {@code miner} (none or pair_margin) with {@code miner.NAME}; {@code memory_size};
 * {@code embedding_size} (0 = from the data). This record is the configuration; {@link #forRun()} gives
 * each training run its own memory, and {@link #evaluate} on its own is the first step of an empty memory.
 */
public record CrossBatchMemory(MetricLoss loss, PairMarginMiner miner, int embeddingSize, int memorySize) implements MetricLoss {
    /**
     * The wrapped losses whose terms and reduction involve only the (anchor, reference) tuples (or ignore
     * anchors without terms), so that memory rows, which are never anchors, leave the value exactly PML's.
     * Multi-similarity and circle average over every row; lifted structure and angular loss also draw on
     * the negatives of the positive row: with memory rows in the batch they would differ.
     */
    static final Set<String> WRAPPABLE = Set.of("contrastive", "triplet_margin", "ntxent", "supcon", "margin", "tuplet_margin");

    public CrossBatchMemory {
        if (!WRAPPABLE.contains(loss.name())) {
            throw new IllegalArgumentException("cross_batch_memory cannot wrap loss '" + loss.name() + "'; use one of " + String.join(", ",
                    WRAPPABLE.stream().sorted().toList()));
        }
        if (loss.usesWeights()) {
            throw new IllegalArgumentException("cross_batch_memory wraps losses without learned weights; '" + loss.name()
                    + "' as configured learns some (use learn_beta false)");
        }
        if (memorySize < 1) {
            throw new IllegalArgumentException("cross_batch_memory memory_size must be at least 1, got " + memorySize);
        }
        if (embeddingSize < 0) {
            throw new IllegalArgumentException("cross_batch_memory embedding_size must be 0 (from the data) or positive, got " + embeddingSize);
        }
    }

    public static CrossBatchMemory from(Params p) {
        String lossName = p.getString("loss", "contrastive");
        String minerName = p.getString("miner", "none");
        NestedParams lossParams = new NestedParams(p, "loss.");
        NestedParams minerParams = new NestedParams(p, "miner.");
        MetricLoss inner = Losses.loss(lossName, lossParams.values());
        Miner m = minerName.equals("none") ? null : Losses.miner(minerName, minerParams.values());
        if (m != null && !(m instanceof PairMarginMiner)) {
            // a pair miner decides each (anchor, memory) pair on its own; triplet miners would enumerate the memory's cube
            throw new IllegalArgumentException("cross_batch_memory mines with pair_margin or none; got '" + minerName + "'");
        }
        CrossBatchMemory xbm = new CrossBatchMemory(inner, (PairMarginMiner) m, p.getInt("embedding_size", 0), p.getInt("memory_size", 1024));
        lossParams.readBack(inner.params());
        if (m != null) {
            minerParams.readBack(m.params());
        }
        return xbm;
    }

    @Override
    public String name() {
        return "cross_batch_memory";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", loss.name());
        loss.params().forEach((k, v) -> m.put("loss." + k, v));
        m.put("miner", miner == null ? "none" : miner.name());
        if (miner != null) {
            miner.params().forEach((k, v) -> m.put("miner." + k, v));
        }
        m.put("memory_size", memorySize);
        m.put("embedding_size", embeddingSize);
        return m;
    }

    @Override
    public MetricLoss forRun() {
        return new MemoryBank(this);
    }

    @Override
    public LossOutput evaluate(LossBatch batch) {
        return forRun().evaluate(batch);
    }
}
