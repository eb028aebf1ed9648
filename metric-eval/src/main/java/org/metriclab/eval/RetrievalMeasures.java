package org.metriclab.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of every {@link RetrievalMeasure} on the class path. Names collide loudly: a measure
 * whose name is a built-in measure (including {@code <k>} and {@code _per_class} forms) or another
 * registered measure's name is an error naming both.
 */
public final class RetrievalMeasures {
    private final Map<String, RetrievalMeasure> byName;

    private RetrievalMeasures(Map<String, RetrievalMeasure> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every measure found by ServiceLoader on the context class loader. */
    public static RetrievalMeasures load() {
        List<RetrievalMeasure> found = new ArrayList<>();
        ServiceLoader.load(RetrievalMeasure.class).forEach(found::add);
        return of(found);
    }

    /** A registry of exactly these measures; fails on bad or colliding names. */
    public static RetrievalMeasures of(List<? extends RetrievalMeasure> measures) {
        Map<String, RetrievalMeasure> m = new TreeMap<>();
        for (RetrievalMeasure r : measures) {
            String n = r.name();
            if (n == null || !n.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalStateException("measure " + r.getClass().getName() + ": names are letters, digits and '_', got '" + n + "'");
            }
            if (isBuiltin(n)) {
                throw new IllegalStateException("measure name '" + n + "' of " + r.getClass().getName() + " is a built-in measure");
            }
            RetrievalMeasure prev = m.put(n, r);
            if (prev != null) {
                throw new IllegalStateException("measure name '" + n + "' is registered twice: by " + prev.getClass().getName()
                        + " and by " + r.getClass().getName());
            }
        }
        return new RetrievalMeasures(m);
    }

    /** True for a built-in measure name (including its {@code <k>} and {@code _per_class} forms). */
    static boolean isBuiltin(String name) {
        try {
            Measure.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The per-query measures with these names, for a ranking engine: a built-in k-NN name gives its per-query
     * quantity (the per-class flag only changes the averaging), a registered {@link RankedRetrievalMeasure} itself.
     *
     * @throws IllegalArgumentException for any other name
     */
    public List<RankMeasure> ranked(List<String> names) {
        List<RankMeasure> out = new ArrayList<>();
        for (String name : names) {
            RetrievalMeasure extra = byName.get(name);
            if (extra instanceof RankedRetrievalMeasure r) {
                out.add(r);
            } else if (extra == null && Measure.parse(name).kind().isKnn()) {
                out.add(Measure.parse(name).base());
            } else {
                throw new IllegalArgumentException("measure '" + name + "' is not a per-query ranking measure");
            }
        }
        return out;
    }

    /** The measure registered under {@code name}, if any. */
    public Optional<RetrievalMeasure> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
