package org.metriclab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RankedRetrievalMeasure;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.RetrievalMeasure;
import org.metriclab.eval.RetrievalMeasures;

/**
 * The measures a distributed evaluation was asked for, sorted by how they are computed.
 *
 * @param names the result keys in the order asked for: canonical built-in names and extension names
 * @param builtins the built-in measures asked for
 * @param extensions the names of the registered {@link RankedRetrievalMeasure}s asked for
 * @param ranked the distinct per-query measures of the ranking pass: built-in per-query quantities (canonical
 *               names without the per-class suffix), then the extensions
 */
record RequestedMeasures(List<String> names, List<Measure> builtins, List<String> extensions, List<String> ranked) {

    /**
     * Parses the names (the local evaluator's defaults for none). A registered measure that is not a
     * {@link RankedRetrievalMeasure} is rejected: it computes from a whole task on one machine.
     */
    static RequestedMeasures of(List<String> measures) {
        List<String> requested = measures == null || measures.isEmpty() ? RetrievalEvaluator.defaultMeasures() : measures;
        List<String> names = new ArrayList<>();
        List<Measure> builtins = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        List<String> ranked = new ArrayList<>();
        RetrievalMeasures registered = null;
        for (String name : requested) {
            Measure m;
            try {
                m = Measure.parse(name);
            } catch (IllegalArgumentException unknown) {
                registered = registered == null ? RetrievalMeasures.load() : registered;
                Optional<RetrievalMeasure> extra = registered.find(name);
                if (extra.isEmpty()) {
                    throw unknown;
                }
                if (!(extra.get() instanceof RankedRetrievalMeasure)) {
                    throw new IllegalArgumentException("measure '" + name + "' is registered through the RetrievalMeasure SPI (by "
                            + extra.get().getClass().getName() + ") but only computes from a whole RetrievalTask, which holds every"
                            + " embedding on one machine, so the distributed evaluator cannot run it; implement"
                            + " RankedRetrievalMeasure (a per-query function of the ranking) or evaluate it with RetrievalEvaluator");
                }
                names.add(name);
                extensions.add(name);
                continue;
            }
            if (m.kind().isVerification()) {
                throw new IllegalArgumentException("measure '" + name + "' (verification, from all same-label and different-label"
                        + " pair distances) is not computed by the distributed evaluator; evaluate it with RetrievalEvaluator"
                        + " or metriclab evaluate");
            }
            names.add(m.name());
            builtins.add(m);
            if (m.kind().isKnn()) {
                ranked.add(m.base().name());
            }
        }
        List<String> engine = new ArrayList<>(ranked.stream().distinct().toList());
        extensions.stream().filter(e -> !engine.contains(e)).forEach(engine::add);
        return new RequestedMeasures(List.copyOf(names), List.copyOf(builtins), List.copyOf(extensions), List.copyOf(engine));
    }

    /**
     * Refuses, in one line naming the measure and the way out, a measure that a reference-partitioned evaluation
     * cannot compute: roc_auc (every pair) and per-query measures that read ranks beyond the nearest references.
     */
    void requireNearestOnly() {
        for (Measure m : builtins) {
            if (m.kind() == Measure.Kind.ROC_AUC) {
                throw new IllegalArgumentException("measure 'roc_auc' counts every query-reference pair against every other, which the"
                        + " reference-partitioned evaluation does not do: evaluate it with partitioning 'queries'");
            }
            if (m.kind().isKnn() && m.nearestOnly().isEmpty()) {
                throw notNearestOnly(m.name());
            }
        }
        RetrievalMeasures registered = extensions.isEmpty() ? null : RetrievalMeasures.load();
        for (String name : extensions) {
            if (registered.ranked(List.of(name)).get(0).nearestOnly().isEmpty()) {
                throw notNearestOnly(name);
            }
        }
    }

    private static IllegalArgumentException notNearestOnly(String name) {
        return new IllegalArgumentException("measure '" + name + "' reads ranks beyond the nearest references, but the"
                + " reference-partitioned evaluation merges only each part's nearest references: evaluate it with partitioning"
                + " 'queries' (every executor holds all references), or, for a registered measure, declare nearestOnly()");
    }
}
