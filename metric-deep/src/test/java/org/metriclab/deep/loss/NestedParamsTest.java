package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.Params;

/** A nested component's parameters: the prefix is stripped on the way in and restored on the way back. */
class NestedParamsTest {

    @Test
    void valuesKeepOnlyThePrefixedKeysWithoutThePrefix() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("loss", "contrastive");
        raw.put("loss.pos_margin", 0.1);
        raw.put("miner.epsilon", 0.2);
        NestedParams loss = new NestedParams(Params.of(raw), "loss.");
        assertEquals(Map.of("pos_margin", 0.1), loss.values());
    }

    @Test
    void readBackMarksTheValuesUsedAndShowsTheDefaults() {
        Params p = Params.of(Map.of("memory_size", 8, "loss.pos_margin", 0.1));
        CrossBatchMemory xbm = CrossBatchMemory.from(p);
        assertEquals(0.1, p.resolved().get("loss.pos_margin"));
        assertEquals(xbm.loss().params().get("neg_margin"), p.resolved().get("loss.neg_margin"), "a default of the wrapped loss");
        assertDoesNotThrow(() -> p.requireAllUsed("cross_batch_memory"));
    }
}
