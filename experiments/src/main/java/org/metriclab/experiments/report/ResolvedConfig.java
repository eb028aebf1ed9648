package org.metriclab.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.Tables;

/**
 * Binds a results directory's config.resolved.yaml again (for what a report may recompute from the
 * config: dataset sizes, refitted embeddings). The resolved form is turned back into the input schema:
 * built-in datasets become their names and the derived {@code variants:} lists are dropped (the sweep
 * re-expands to the same labels). A {@code tuning:} block is dropped: the resolved learners carry every
 * parameter, which a space may not repeat, and a report never searches again; so tuned learners bind with their
 * config parameters, not the per-split choices (which the report does not refit, see {@link Report}).
 */
final class ResolvedConfig {
    private ResolvedConfig() {
    }

    static ExperimentConfig bind(Path dir) {
        Path file = dir.resolve(Tables.RESOLVED_CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no " + Tables.RESOLVED_CONFIG + ", which is needed to refit learners");
        }
        Object tree = Trees.readYaml(file);
        if (!(tree instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(file + ": not a resolved experiment config");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        root.forEach((k, v) -> m.put(String.valueOf(k), v));
        if (m.get("datasets") instanceof List<?> ds) {
            List<Object> out = new ArrayList<>();
            for (Object d : ds) {
                out.add(d instanceof Map<?, ?> dm && Boolean.TRUE.equals(dm.get("builtin")) ? dm.get("name") : d);
            }
            m.put("datasets", out);
        }
        if (m.get("learners") instanceof List<?> ls) {
            List<Object> out = new ArrayList<>();
            for (Object l : ls) {
                if (l instanceof Map<?, ?> lm) {
                    Map<Object, Object> copy = new LinkedHashMap<>(lm);
                    copy.remove("variants");
                    out.add(copy);
                } else {
                    out.add(l);
                }
            }
            m.put("learners", out);
        }
        m.remove("tuning");
        return new ConfigBinder(Learners.load(), dir).bind(m);
    }
}
