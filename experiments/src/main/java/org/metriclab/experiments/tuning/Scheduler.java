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
 * thus costs about N·r0 per rung instead of N·R in all. {@link AsyncHalving} (ASHA) uses the same rungs but
 * promotes a candidate as soon as it ranks in the top 1/eta of those finished at its rung.
 */
public sealed interface Scheduler {
    /** The parameter overrides of each rung, from the cheapest to the full resource; one empty map for {@link Full}. */
    List<Map<String, Object>> rungs(Map<String, Object> resolvedParams, int candidates);

    /** How many candidates of {@code previous} survivors move on to the next rung of a synchronous search. */
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
     * Halving over an integer training resource: rungs r0, r0·eta, r0·eta², … up to a full factor eta below the
     * learner's resource R, then R itself; 1/eta of a rung's candidates move on to the next.
     */
    sealed interface Halving extends Scheduler permits SuccessiveHalving, AsyncHalving {
        /** The resource parameters tried, in order, when none is named. */
        List<String> AUTO_RESOURCES = List.of("epochs", "max_iter");

        /** The learner parameter that is the resource; empty picks {@code epochs}, else {@code max_iter}. */
        Optional<String> resource();

        /** The first rung's resource; empty picks R / eta^s with s = floor(log_eta N) for N candidates. */
        OptionalInt minResource();

        /** The reduction factor (at least 2). */
        int eta();

        /** The resource parameter of a learner with these resolved parameters, when it has one. */
        default Optional<String> resourceOf(Map<String, Object> resolvedParams) {
            if (resource().isPresent()) {
                return resolvedParams.containsKey(resource().get()) ? resource() : Optional.empty();
            }
            return AUTO_RESOURCES.stream().filter(resolvedParams::containsKey).findFirst();
        }

        /**
         * Why halving cannot schedule a learner with these resolved parameters, or empty when it can
         * (it needs an integer resource R and at least two rungs, i.e. a first rung below R).
         *
         * @param candidates the planned candidates; 0 when the budget is a time, which picks the most rungs R allows
         */
        default Optional<String> problem(Map<String, Object> resolvedParams, int candidates) {
            Optional<String> key = resourceOf(resolvedParams);
            if (key.isEmpty()) {
                return Optional.of("the learner has no " + resource().map(r -> "parameter '" + r + "'").orElse("epochs or max_iter parameter")
                        + " to use as the successive-halving resource; name one with scheduler.resource or drop the scheduler");
            }
            if (!(resolvedParams.get(key.get()) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 2) {
                return Optional.of("the resource " + key.get() + " = " + resolvedParams.get(key.get()) + " must be an integer of at least 2");
            }
            if (first(n.longValue(), candidates) * (double) eta() > n.longValue()) {
                return Optional.of("min_resource " + first(n.longValue(), candidates) + " times eta " + eta() + " exceeds the learner's " + key.get()
                        + " = " + n.longValue() + ", so there is nothing to halve; lower min_resource or raise " + key.get());
            }
            return Optional.empty();
        }

        private long first(long max, int candidates) {
            if (minResource().isPresent()) {
                return minResource().getAsInt();
            }
            // an unknown number of candidates (a time budget) gets as many rungs as the resource allows
            long n = candidates > 0 ? candidates : max;
            int s = Math.max(1, (int) Math.floor(Math.log(Math.max(n, 1)) / Math.log(eta()) + 1e-9));
            return Math.max(1, (long) Math.floor(max / Math.pow(eta(), s)));
        }

        @Override
        default List<Map<String, Object>> rungs(Map<String, Object> resolvedParams, int candidates) {
            problem(resolvedParams, candidates).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            String key = resourceOf(resolvedParams).orElseThrow();
            long max = ((Number) resolvedParams.get(key)).longValue();
            List<Map<String, Object>> out = new ArrayList<>();
            // geometric rungs up to a full factor eta below R, then R itself
            for (long r = first(max, candidates); r * (double) eta() <= max; r *= eta()) {
                out.add(Map.of(key, (int) r));
            }
            out.add(Map.of(key, (int) max));
            return out;
        }

        @Override
        default int promoted(int previous) {
            return Math.max(1, previous / eta());
        }

        /** The config form: {@code type} and the given settings. */
        default Map<String, Object> tree(String type) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            resource().ifPresent(r -> m.put("resource", r));
            minResource().ifPresent(r -> m.put("min_resource", r));
            m.put("eta", eta());
            return m;
        }
    }

    private static void check(OptionalInt minResource, int eta) {
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be at least 2, found " + eta);
        }
        if (minResource.isPresent() && minResource.getAsInt() < 1) {
            throw new IllegalArgumentException("min_resource must be at least 1, found " + minResource.getAsInt());
        }
    }

    /**
     * Synchronous successive halving (Jamieson &amp; Talwalkar, 2016; Li et al., 2018): every candidate of the budget
     * is evaluated at a rung before the best 1/eta of them (at least one) move on, so it needs a {@code {trials: N}} budget.
     */
    record SuccessiveHalving(Optional<String> resource, OptionalInt minResource, int eta) implements Halving {
        /** The resource parameters tried, in order, when none is named. */
        public static final List<String> AUTO_RESOURCES = Halving.AUTO_RESOURCES;

        public SuccessiveHalving {
            check(minResource, eta);
        }

        @Override
        public Map<String, Object> toTree() {
            return tree("successive_halving");
        }
    }

    /**
     * Asynchronous successive halving, ASHA (Li et al., 2020): whenever the search is free it promotes the best
     * candidate of the highest rung that lies in the top floor(n/eta) of the n candidates finished at that rung
     * and has not moved on yet; only when no candidate can move on does it start a new one at the first rung. A
     * rung therefore never waits for all candidates, which is what lets it run under a {@code {seconds: S}} budget.
     * Each search runs its evaluations one after another, so the order of evaluations depends only on the scores:
     * the same seed gives the same candidates, promotions and choice (what differs with a time budget is where the
     * clock stops the sequence).
     */
    record AsyncHalving(Optional<String> resource, OptionalInt minResource, int eta) implements Halving {
        public AsyncHalving {
            check(minResource, eta);
        }

        @Override
        public Map<String, Object> toTree() {
            return tree("asha");
        }
    }
}
