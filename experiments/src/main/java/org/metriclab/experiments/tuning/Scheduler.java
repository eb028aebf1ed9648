package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much training each candidate gets. {@link Full} fits every candidate with the learner's own settings;
 * {@link SuccessiveHalving} first fits every candidate with a small resource (epochs of a deep learner,
 * {@code max_iter} of an iterative one), keeps the best 1/eta by mean validation score, gives those eta times the
 * resource, and so on until the survivors train with the learner's full resource. A search with N candidates
 * thus costs about N·r0 per rung instead of N·R in all.
 */
public sealed interface Scheduler {
    /** The parameter overrides of each rung, from the cheapest to the full resource; one empty map for {@link Full}. */
    List<Map<String, Object>> rungs(Map<String, Object> resolvedParams, int candidates);

    /** How many candidates of {@code previous} survivors move on to the next rung. */
    int promoted(int previous);

    Map<String, Object> toTree();

    static Scheduler full() {
        return new Full();
    }

    /** Every candidate trains with the learner's own settings. */
    record Full() implements Scheduler {
        @Override
        public List<Map<String, Object>> rungs(Map<String, Object> resolvedParams, int candidates) {
            return List.of(Map.of());
        }

        @Override
        public int promoted(int previous) {
            return previous;
        }

        @Override
        public Map<String, Object> toTree() {
            return Map.of("type", "full");
        }
    }

    /**
     * Successive halving (Jamieson &amp; Talwalkar, 2016; Li et al., 2018) over an integer training resource.
     *
     * @param resource    the learner parameter that is the resource; empty picks {@code epochs}, else {@code max_iter}
     * @param minResource the first rung's resource; empty picks R / eta^s with s = floor(log_eta N) promotions
     * @param eta         the reduction factor (at least 2): 1/eta of the candidates survive each rung
     */
    record SuccessiveHalving(Optional<String> resource, OptionalInt minResource, int eta) implements Scheduler {
        /** The resource parameters tried, in order, when none is named. */
        public static final List<String> AUTO_RESOURCES = List.of("epochs", "max_iter");

        public SuccessiveHalving {
            if (eta < 2) {
                throw new IllegalArgumentException("eta must be at least 2, found " + eta);
            }
            if (minResource.isPresent() && minResource.getAsInt() < 1) {
                throw new IllegalArgumentException("min_resource must be at least 1, found " + minResource.getAsInt());
            }
        }

        /** The resource parameter of a learner with these resolved parameters, when it has one. */
        public Optional<String> resourceOf(Map<String, Object> resolvedParams) {
            if (resource.isPresent()) {
                return resolvedParams.containsKey(resource.get()) ? resource : Optional.empty();
            }
            return AUTO_RESOURCES.stream().filter(resolvedParams::containsKey).findFirst();
        }

        /**
         * Why successive halving cannot schedule a learner with these resolved parameters, or empty when it can
         * (it needs an integer resource R and at least two rungs, i.e. a first rung below R).
         */
        public Optional<String> problem(Map<String, Object> resolvedParams, int candidates) {
            Optional<String> key = resourceOf(resolvedParams);
            if (key.isEmpty()) {
                return Optional.of("the learner has no " + resource.map(r -> "parameter '" + r + "'").orElse("epochs or max_iter parameter")
                        + " to use as the successive-halving resource; name one with scheduler.resource or drop the scheduler");
            }
            if (!(resolvedParams.get(key.get()) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 2) {
                return Optional.of("the resource " + key.get() + " = " + resolvedParams.get(key.get()) + " must be an integer of at least 2");
            }
            if (first(n.longValue(), candidates) * (double) eta > n.longValue()) {
                return Optional.of("min_resource " + first(n.longValue(), candidates) + " times eta " + eta + " exceeds the learner's " + key.get()
                        + " = " + n.longValue() + ", so there is nothing to halve; lower min_resource or raise " + key.get());
            }
            return Optional.empty();
        }

        private long first(long max, int candidates) {
            if (minResource.isPresent()) {
                return minResource.getAsInt();
            }
            int s = Math.max(1, (int) Math.floor(Math.log(Math.max(candidates, 1)) / Math.log(eta) + 1e-9));
            return Math.max(1, (long) Math.floor(max / Math.pow(eta, s)));
        }

        @Override
        public List<Map<String, Object>> rungs(Map<String, Object> resolvedParams, int candidates) {
            problem(resolvedParams, candidates).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            String key = resourceOf(resolvedParams).orElseThrow();
            long max = ((Number) resolvedParams.get(key)).longValue();
            List<Map<String, Object>> out = new ArrayList<>();
            // geometric rungs up to a full factor eta below R, then R itself
            for (long r = first(max, candidates); r * (double) eta <= max; r *= eta) {
                out.add(Map.of(key, (int) r));
            }
            out.add(Map.of(key, (int) max));
            return out;
        }

        @Override
        public int promoted(int previous) {
            return Math.max(1, previous / eta);
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "successive_halving");
            resource.ifPresent(r -> m.put("resource", r));
            minResource.ifPresent(r -> m.put("min_resource", r));
            m.put("eta", eta);
            return m;
        }
    }
}
