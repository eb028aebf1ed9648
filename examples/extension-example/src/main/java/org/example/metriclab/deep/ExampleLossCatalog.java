package org.example.metriclab.deep;

import java.util.Map;
import java.util.function.Function;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.loss.LossCatalog;
import org.metriclab.deep.loss.Miner;

/**
 * This extension's deep-learning components, registered by the one line in
 * {@code META-INF/services/org.metriclab.deep.loss.LossCatalog}: the miner {@code random_triplets}.
 */
public final class ExampleLossCatalog implements LossCatalog {
    @Override
    public Map<String, Function<Params, Miner>> miners() {
        return Map.of(RandomTripletsMiner.NAME, RandomTripletsMiner::from);
    }
}
