package org.metriclab.deep.loss;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.metriclab.core.learn.Params;

/**
 * Losses and miners contributed by a jar on the class path, found through {@link ServiceLoader}:
 * list the implementing class (public, public no-arg constructor) in
 * {@code META-INF/services/org.metriclab.deep.loss.LossCatalog}. The names then work wherever the built-in
 * ones do: {@code deep_metric}'s {@code loss} and {@code miner} parameters, {@link Losses#loss},
 * {@link Losses#miner} and {@code LossProbe}.
 *
 * <p>Conventions: names are lower_snake_case and must not collide with a built-in or another catalogue's
 * name (an error naming both); each factory reads every parameter with its default through {@link Params}
 * (unknown keys are then rejected); a loss returns its exact analytic gradient w.r.t. the raw embeddings
 * (check it with finite differences), a miner draws randomness only from the generator it is given.
 */
public interface LossCatalog {
    /** Loss factories by name; none by default. */
    default Map<String, Function<Params, MetricLoss>> losses() {
        return Map.of();
    }

    /** Miner factories by name; none by default. */
    default Map<String, Function<Params, Miner>> miners() {
        return Map.of();
    }
}
