package org.metriclab.experiments.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.metriclab.core.data.BuiltinDatasets;

/**
 * The registry of every {@link DatasetSource} on the class path. Names collide loudly: a source that
 * reuses a built-in name, {@code fashion_mnist}, or another source's name is an error naming both.
 */
public final class DatasetSources {
    /** Names taken by the framework itself (built-ins and the IDX shortcut). */
    private static final List<String> RESERVED;

    static {
        List<String> r = new ArrayList<>(BuiltinDatasets.NAMES);
        r.add("fashion_mnist");
        RESERVED = List.copyOf(r);
    }

    private final Map<String, DatasetSource> byName;

    private DatasetSources(Map<String, DatasetSource> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every source found by ServiceLoader on the context class loader. */
    public static DatasetSources load() {
        List<DatasetSource> sources = new ArrayList<>();
        ServiceLoader.load(DatasetSource.class).forEach(sources::add);
        return of(sources);
    }

    /** A registry of exactly these sources; fails on bad or colliding names. */
    public static DatasetSources of(List<? extends DatasetSource> sources) {
        Map<String, DatasetSource> m = new TreeMap<>();
        for (DatasetSource s : sources) {
            String n = s.name();
            if (n == null || !n.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalStateException("dataset source " + s.getClass().getName() + ": names are lower_snake_case, got '" + n + "'");
            }
            if (RESERVED.contains(n)) {
                throw new IllegalStateException("dataset name '" + n + "' of " + s.getClass().getName() + " is taken by a built-in dataset");
            }
            DatasetSource prev = m.put(n, s);
            if (prev != null) {
                throw new IllegalStateException("dataset name '" + n + "' is registered twice: by " + prev.getClass().getName()
                        + " and by " + s.getClass().getName());
            }
        }
        return new DatasetSources(m);
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every registered source, sorted by name. */
    public List<DatasetSource> all() {
        return List.copyOf(byName.values());
    }

    /** The source registered under {@code name}, if any. */
    public Optional<DatasetSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
