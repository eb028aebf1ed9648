package org.metriclab.core.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.metriclab.core.distance.LearnedMetric;

/**
 * The registry of every learner on the class path. Names collide loudly: two catalogues registering
 * the same name is an error naming both.
 */
public final class Learners {
    private final Map<String, Registered> byName;

    /** A registered learner with the catalogue that provides it. */
    public record Registered(LearnerEntry entry, String family, String catalog) {
    }

    private Learners(Map<String, Registered> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every catalogue found by ServiceLoader on the context class loader. */
    public static Learners load() {
        List<LearnerCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(LearnerCatalog.class).forEach(catalogs::add);
        return of(catalogs);
    }

    public static Learners of(List<? extends LearnerCatalog> catalogs) {
        Map<String, Registered> m = new TreeMap<>();
        for (LearnerCatalog c : catalogs) {
            for (LearnerEntry e : c.learners()) {
                Registered prev = m.put(e.name(), new Registered(e, c.family(), c.getClass().getName()));
                if (prev != null) {
                    throw new IllegalStateException("learner name '" + e.name() + "' is registered twice: by "
                            + prev.catalog() + " and by " + c.getClass().getName());
                }
            }
        }
        return new Learners(m);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<Registered> all() {
        return List.copyOf(byName.values());
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * Builds a learner; unknown names and unknown parameters fail with the known alternatives. The
     * learner comes wrapped in a {@link CheckedLearner}: a model whose embedding of its own training
     * rows is non-finite, exploding or collapsed is a {@link FitException} naming it.
     */
    public MetricLearner<?> create(String name, Params params) {
        Registered r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown learner '" + name + "'; known: " + String.join(", ", byName.keySet()));
        }
        MetricLearner<?> learner = r.entry().factory().apply(params);
        params.requireAllUsed("learner '" + name + "'");
        return checked(name, learner);
    }

    private static <M extends LearnedMetric> MetricLearner<M> checked(String name, MetricLearner<M> learner) {
        return learner instanceof CheckedLearner<M> c ? c : new CheckedLearner<>(name, learner);
    }
}
