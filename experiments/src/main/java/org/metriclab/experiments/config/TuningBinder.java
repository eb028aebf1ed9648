package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.experiments.tuning.Budget;
import org.metriclab.experiments.tuning.Dimension;
import org.metriclab.experiments.tuning.Scheduler;
import org.metriclab.experiments.tuning.SearchKind;
import org.metriclab.experiments.tuning.SearchSpace;
import org.metriclab.experiments.tuning.TuningSpec;
import org.metriclab.experiments.tuning.ValidationSpec;

/**
 * Binds the {@code tuning:} block and the learners' {@code space:} entries.
 *
 * <p>Schema (defaults in brackets): {@code tuning: {budget: {trials: N} | {seconds: S}, search [tpe] (random | sobol | tpe),
 * validation [{type: kfold, folds: 3, class_disjoint: false}], select_by [mean_average_precision_at_r], seed [0],
 * scheduler [none] ({type: successive_halving | asha, resource [epochs, else max_iter], min_resource [R / eta^floor(log_eta N),
 * with N = R for a time budget], eta [3]})}}; asha (asynchronous) also runs under {seconds: S};
 * per learner {@code space: {PARAM: {uniform | log_uniform | int | log_int: [low, high]} | {choice: [v1, v2, ...]}}}, each
 * optionally with {@code when: {CHOICE_PARAM: value | [values]}} (the parameter is tuned only while an earlier
 * choice of the same space has one of those values).
 * Every value a space can produce is checked against the learner (both ends of a range, every choice; a
 * conditional one with its condition's value), so a key the learner does not have or a value of the wrong
 * type fails here, at its path.
 */
final class TuningBinder {
    static final String DEFAULT_MEASURE = "mean_average_precision_at_r";
    private static final int DEFAULT_FOLDS = 3;
    private static final List<String> KINDS = List.of("uniform", "log_uniform", "int", "log_int", "choice");

    private final Learners registry;

    TuningBinder(Learners registry) {
        this.registry = registry;
    }

    TuningSpec spec(Node node) {
        node.map();
        node.rejectUnknown(Set.of("budget", "search", "validation", "select_by", "seed", "scheduler"));
        Budget budget = budget(node.get("budget"));
        SearchKind search = SearchKind.TPE;
        if (node.has("search")) {
            String s = node.get("search").string();
            search = SearchKind.parse(s).orElseThrow(() -> node.get("search").fail("unknown search '" + s + "'; known: random, sobol, tpe, grid"));
        }
        ValidationSpec validation = node.has("validation") ? validation(node.get("validation")) : new ValidationSpec(DEFAULT_FOLDS, false);
        String selectBy = node.string("select_by", DEFAULT_MEASURE);
        Optional<String> problem = Measures.rankingProblem(selectBy);
        if (problem.isPresent()) {
            throw node.get("select_by").fail("select_by: " + problem.get());
        }
        long seed = node.has("seed") ? node.get("seed").integer() : 0L;
        Scheduler scheduler = node.has("scheduler") ? scheduler(node.get("scheduler")) : Scheduler.full();
        if (scheduler instanceof Scheduler.SuccessiveHalving && !(budget instanceof Budget.Trials)) {
            throw node.get("scheduler").fail("successive_halving ranks a known number of candidates; give budget: {trials: N}, or use type: asha");
        }
        return new TuningSpec(budget, search, validation, selectBy, seed, scheduler);
    }

    private static Scheduler scheduler(Node node) {
        node.map();
        node.rejectUnknown(Set.of("type", "resource", "min_resource", "eta"));
        String type = node.string("type", "");
        if (!type.equals("successive_halving") && !type.equals("asha")) {
            throw node.fail("unknown scheduler type '" + type + "'; known: successive_halving, asha (or leave the scheduler out)");
        }
        Optional<String> resource = node.has("resource") ? Optional.of(node.get("resource").string()) : Optional.empty();
        OptionalInt min = node.has("min_resource") ? OptionalInt.of(node.get("min_resource").intIn(1, Integer.MAX_VALUE, "a resource"))
                : OptionalInt.empty();
        int eta = node.has("eta") ? node.get("eta").intIn(2, 1000, "a reduction factor") : 3;
        return type.equals("asha") ? new Scheduler.AsyncHalving(resource, min, eta) : new Scheduler.SuccessiveHalving(resource, min, eta);
    }

    /**
     * Checks that successive halving can schedule every tuned variant: it has the resource parameter with an
     * integer value above the first rung, and does not tune the resource itself.
     */
    static void checkScheduler(Node tuning, TuningSpec spec, List<BoundLearner> variants, Map<String, SearchSpace> spaces) {
        if (!(spec.scheduler() instanceof Scheduler.Halving sh)) {
            return;
        }
        int candidates = spec.budget() instanceof Budget.Trials t ? t.count() : 0;
        for (BoundLearner v : variants) {
            SearchSpace space = spaces.get(v.label());
            if (space == null) {
                continue;
            }
            Optional<String> problem = sh.problem(v.resolvedParams(), candidates);
            if (problem.isPresent()) {
                throw tuning.get("scheduler").fail("learner '" + v.label() + "': " + problem.get());
            }
            String resource = sh.resourceOf(v.resolvedParams()).orElseThrow();
            if (space.dimensions().containsKey(resource)) {
                throw tuning.get("scheduler").fail("learner '" + v.label() + "' tunes " + resource + ", which successive halving uses as its"
                        + " resource; fix " + resource + " in params or drop the scheduler");
            }
        }
    }

    private static Budget budget(Node node) {
        if (node.isNull()) {
            throw node.fail("missing; give the search budget of every learner as {trials: N} or {seconds: S}");
        }
        node.map();
        node.rejectUnknown(Set.of("trials", "seconds"));
        if (node.has("trials") == node.has("seconds")) {
            throw node.fail("give exactly one of trials or seconds, e.g. {trials: 30}");
        }
        if (node.has("trials")) {
            return new Budget.Trials(node.get("trials").intIn(1, Integer.MAX_VALUE, "a number of trials"));
        }
        double s = node.get("seconds").number();
        if (!(s > 0)) {
            throw node.get("seconds").fail("expected a positive number of seconds, found " + s);
        }
        return new Budget.Seconds(s);
    }

    private static ValidationSpec validation(Node node) {
        node.map();
        node.rejectUnknown(Set.of("type", "folds", "class_disjoint"));
        String type = node.string("type", "kfold");
        if (!type.equals("kfold")) {
            throw node.get("type").fail("unknown validation '" + type + "'; known: kfold");
        }
        int folds = node.has("folds") ? node.get("folds").intIn(2, Integer.MAX_VALUE, "a number of folds") : DEFAULT_FOLDS;
        return new ValidationSpec(folds, node.bool("class_disjoint", false));
    }

    /**
     * The space of one learner entry, checked against each of its variants.
     *
     * @param fixed the entry's {@code params} and swept keys, which a space may not repeat
     */
    SearchSpace space(Node node, List<LearnerSpec.Variant> variants, Set<String> fixed) {
        Map<String, Object> keys = node.map();
        if (keys.isEmpty()) {
            throw node.fail("empty space; give at least one parameter, e.g. {k: {int: [1, 15]}}");
        }
        Map<String, Dimension> dims = new LinkedHashMap<>();
        for (String key : keys.keySet()) {
            Node d = node.get(key);
            if (fixed.contains(key)) {
                throw d.fail("'" + key + "' is both fixed (params or sweep) and tuned; keep one");
            }
            Dimension dim = dimension(d);
            Map<String, Object> condition = Map.of();
            if (d.has("when")) {
                Dimension.Conditional c = condition(d.get("when"), key, dim, dims);
                condition = Map.of(c.parent(), c.values().get(0));
                dim = c;
            }
            for (LearnerSpec.Variant v : variants) {
                check(d, key, dim, v, condition);
            }
            dims.put(key, dim);
        }
        return new SearchSpace(dims);
    }

    /** The condition {@code when: {parent: value | [values]}} of dimension {@code key}, checked against the dimensions before it. */
    private static Dimension.Conditional condition(Node when, String key, Dimension dim, Map<String, Dimension> before) {
        Map<String, Object> m = when.map();
        if (m.size() != 1) {
            throw when.fail("expected one condition {PARAM: value} or {PARAM: [values]}, found " + m.size() + " keys");
        }
        String parent = m.keySet().iterator().next();
        Dimension p = before.get(parent);
        Dimension inner = p instanceof Dimension.Conditional c ? c.inner() : p;
        if (!(inner instanceof Dimension.Choice choice)) {
            throw when.get(parent).fail("'" + key + "' can only depend on a choice declared before it in this space; '" + parent + "' is "
                    + (p == null ? "not declared before it" : "a " + p.kind() + " range"));
        }
        Node v = when.get(parent);
        List<Node> items = v.isList() ? v.list() : List.of(v);
        List<Object> values = new ArrayList<>();
        for (Node item : items) {
            if (!choice.values().contains(item.value())) {
                throw item.fail("'" + key + "' depends on " + parent + " = " + Node.describe(item.value()) + ", which is not one of its choices "
                        + choice.values());
            }
            values.add(item.value());
        }
        if (values.isEmpty()) {
            throw v.fail("a condition needs at least one value of '" + parent + "'");
        }
        return new Dimension.Conditional(dim, parent, values);
    }

    private static Dimension dimension(Node node) {
        Map<String, Object> all = node.map();
        Map<String, Object> m = new LinkedHashMap<>(all);
        m.remove("when");
        if (m.size() != 1 || !KINDS.contains(m.keySet().iterator().next())) {
            throw node.fail("expected one of {uniform: [low, high]}, {log_uniform: [low, high]}, {int: [low, high]}, {log_int: [low, high]}"
                    + " or {choice: [values]}, optionally with when: {PARAM: value}, found keys " + all.keySet());
        }
        String kind = m.keySet().iterator().next();
        Node v = node.get(kind);
        List<Node> items = v.list();
        if (kind.equals("choice")) {
            if (items.isEmpty()) {
                throw v.fail("choice needs at least one value");
            }
            List<Object> values = new ArrayList<>();
            for (Node item : items) {
                if (item.isNull() || item.isMap() || item.isList()) {
                    throw item.fail("expected a parameter value, found " + Node.describe(item.value()));
                }
                if (values.contains(item.value())) {
                    throw item.fail("choice value " + Node.describe(item.value()) + " is listed twice");
                }
                values.add(item.value());
            }
            return new Dimension.Choice(values);
        }
        if (items.size() != 2) {
            throw v.fail("expected [low, high], found " + items.size() + " values");
        }
        boolean integral = kind.equals("int") || kind.equals("log_int");
        double lo = integral ? items.get(0).integer() : items.get(0).number();
        double hi = integral ? items.get(1).integer() : items.get(1).number();
        if (lo >= hi) {
            throw v.fail("bounds reversed or equal: low " + Node.describe(items.get(0).value()) + " must be below high "
                    + Node.describe(items.get(1).value()) + " (for a single value use params)");
        }
        if (kind.equals("log_uniform") && lo <= 0 || kind.equals("log_int") && lo < 1) {
            throw v.fail(kind + " needs a positive lower bound" + (kind.equals("log_int") ? " (at least 1)" : "") + ", found "
                    + Node.describe(items.get(0).value()) + "; use " + (integral ? "int" : "uniform") + " for ranges that include 0");
        }
        return switch (kind) {
            case "uniform" -> new Dimension.Uniform(lo, hi);
            case "log_uniform" -> new Dimension.LogUniform(lo, hi);
            case "int" -> new Dimension.IntRange((long) lo, (long) hi);
            default -> new Dimension.LogInt((long) lo, (long) hi);
        };
    }

    /**
     * Creates the learner with each probe value of the dimension (and the value of its condition's parent, for a
     * conditional one), failing at the space key with the learner's reason.
     */
    private void check(Node node, String key, Dimension dim, LearnerSpec.Variant variant, Map<String, Object> condition) {
        List<Object> probes = dim.probes();
        for (int i = 0; i < probes.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>(variant.params());
            p.putAll(condition);
            p.put(key, probes.get(i));
            Dimension plain = dim instanceof Dimension.Conditional c ? c.inner() : dim;
            Node at = plain instanceof Dimension.Choice ? node.get("choice").list().get(i) : node;
            try {
                registry.create(variant.type(), Params.of(p));
            } catch (ParamException e) {
                if (e.problem() == ParamException.Problem.UNKNOWN_KEY) {
                    throw node.fail(e.getMessage());
                }
                throw at.fail("learner '" + variant.label() + "' refuses " + key + " = " + probes.get(i) + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw at.fail("learner '" + variant.label() + "' refuses " + key + " = " + probes.get(i) + ": " + e.getMessage());
            }
        }
    }
}
