package org.metriclab.experiments.data;

import org.metriclab.core.data.LabeledData;

/**
 * A named dataset contributed by a jar on the class path, found through {@link java.util.ServiceLoader}:
 * list the implementing class (public, with a public no-arg constructor) in
 * {@code META-INF/services/org.metriclab.experiments.data.DatasetSource}. Configs then name it like a
 * built-in ({@code datasets: [my_data]}) and {@code metriclab list datasets} shows it.
 *
 * <p>Conventions: {@link #name()} is lower_snake_case and must not collide with a built-in dataset,
 * {@code fashion_mnist} or another source ({@link DatasetSources} fails loudly, naming both);
 * {@link #load()} is deterministic and returns the same data on every call, with the dataset's own
 * train/test split when it has one (needed by {@code protocol: fixed_split}). Bad or missing files
 * should raise {@link org.metriclab.core.data.DataFormatException} or {@link IllegalArgumentException}
 * with a message naming the problem.
 */
public interface DatasetSource {
    /** The name configs use, lower_snake_case. */
    String name();

    /** A one-line description for {@code metriclab list datasets}. */
    String description();

    /** Loads the data; called once per config run (and once per listing). */
    LabeledData load();
}
