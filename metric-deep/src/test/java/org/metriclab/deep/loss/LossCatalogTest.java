package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.Params;

/** The loss/miner SPI: catalogue names are appended after the built-ins, and names collide loudly. */
class LossCatalogTest {
    record Catalog(Map<String, Function<Params, MetricLoss>> losses, Map<String, Function<Params, Miner>> miners) implements LossCatalog {
    }

    @Test
    void catalogueNamesFollowTheBuiltIns() {
        List<Set<String>> names = Losses.namesWith(List.of(new Catalog(Map.of("my_loss", TripletMarginLoss::from),
                Map.of("my_miner", BatchHardMiner::from))));
        assertEquals("my_loss", List.copyOf(names.get(0)).get(names.get(0).size() - 1));
        assertTrue(names.get(0).containsAll(Losses.lossNames()), names.toString());
        assertEquals("my_miner", List.copyOf(names.get(1)).get(names.get(1).size() - 1));
        assertTrue(names.get(1).containsAll(Losses.minerNames()), names.toString());
        assertEquals(Losses.lossNames(), Losses.namesWith(List.of()).get(0), "no catalogue on this class path");
    }

    @Test
    void namesCollideLoudly() {
        IllegalStateException builtin = assertThrows(IllegalStateException.class,
                () -> Losses.namesWith(List.of(new Catalog(Map.of("contrastive", ContrastiveLoss::from), Map.of()))));
        assertTrue(builtin.getMessage().contains("loss name 'contrastive' is registered twice: by the built-ins and by "), builtin.getMessage());
        Catalog a = new Catalog(Map.of(), Map.of("mine_it", BatchHardMiner::from));
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> Losses.namesWith(List.of(a, a)));
        assertTrue(twice.getMessage().contains("miner name 'mine_it' is registered twice"), twice.getMessage());
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> Losses.namesWith(List.of(new Catalog(Map.of("MyLoss", ContrastiveLoss::from), Map.of()))));
        assertTrue(bad.getMessage().contains("lower_snake_case"), bad.getMessage());
    }
}
