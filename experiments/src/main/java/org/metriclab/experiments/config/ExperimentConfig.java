package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.experiments.tuning.TuningPlan;

/**
 * A validated experiment: every name checked and every learner variant created once (so unknown or
 * invalid parameters failed before anything ran). Built by {@link ConfigBinder}; {@link #toTree()}
 * is the resolved config with every default filled in.
 *
 * @param learners the {@code learners:} entries as written (with defaults for label/params)
 * @param trainSizes the training-set sizes the protocol sweeps (empty: none)
 * @param variants every grid point of every entry, in config order, with its resolved parameters
 * @param warmup run every learner variant's first trial untimed and discarded before the timed trials,
 *               repeatedly for short trials (so that fit_seconds measure warm code, not class loading and
 *               JIT compilation)
 * @param tuning  the hyperparameter searches ({@link TuningPlan#none()} without a {@code tuning:} block)
 * @param thresholds where the {@code validated_tar_at_far_<x>} thresholds come from ({@code threshold_from})
 * @param search  how the neighbours behind the measures are found: exactly, or through an approximate index
 */
public record ExperimentConfig(String name, List<DatasetSpec> datasets, Protocol protocol, TrainSizes trainSizes, RetrievalMode retrieval,
        Preprocessing preprocessing, List<Long> seeds, List<LearnerSpec> learners, List<BoundLearner> variants,
        List<String> measures, TableSpec table, boolean warmup, TuningPlan tuning, VerificationThresholds thresholds, SearchSpec search) {
    /** A config whose verification thresholds are the test pairs' own, with exact search. */
    public ExperimentConfig(String name, List<DatasetSpec> datasets, Protocol protocol, TrainSizes trainSizes, RetrievalMode retrieval,
            Preprocessing preprocessing, List<Long> seeds, List<LearnerSpec> learners, List<BoundLearner> variants,
            List<String> measures, TableSpec table, boolean warmup, TuningPlan tuning) {
        this(name, datasets, protocol, trainSizes, retrieval, preprocessing, seeds, learners, variants, measures, table, warmup, tuning,
                VerificationThresholds.fromTest(), SearchSpec.EXACT);
    }

    /** A config without tuning. */
    public ExperimentConfig(String name, List<DatasetSpec> datasets, Protocol protocol, TrainSizes trainSizes, RetrievalMode retrieval,
            Preprocessing preprocessing, List<Long> seeds, List<LearnerSpec> learners, List<BoundLearner> variants,
            List<String> measures, TableSpec table, boolean warmup) {
        this(name, datasets, protocol, trainSizes, retrieval, preprocessing, seeds, learners, variants, measures, table, warmup, TuningPlan.none());
    }

    /** A config without warm-up fits. */
    public ExperimentConfig(String name, List<DatasetSpec> datasets, Protocol protocol, TrainSizes trainSizes, RetrievalMode retrieval,
            Preprocessing preprocessing, List<Long> seeds, List<LearnerSpec> learners, List<BoundLearner> variants,
            List<String> measures, TableSpec table) {
        this(name, datasets, protocol, trainSizes, retrieval, preprocessing, seeds, learners, variants, measures, table, false);
    }

    /** A config without a training-set size sweep. */
    public ExperimentConfig(String name, List<DatasetSpec> datasets, Protocol protocol, RetrievalMode retrieval,
            Preprocessing preprocessing, List<Long> seeds, List<LearnerSpec> learners, List<BoundLearner> variants,
            List<String> measures, TableSpec table) {
        this(name, datasets, protocol, TrainSizes.none(), retrieval, preprocessing, seeds, learners, variants, measures, table);
    }

    public ExperimentConfig {
        datasets = List.copyOf(datasets);
        seeds = List.copyOf(seeds);
        learners = List.copyOf(learners);
        variants = List.copyOf(variants);
        measures = List.copyOf(measures);
        if (datasets.isEmpty() || seeds.isEmpty() || variants.isEmpty() || measures.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one dataset, seed, learner and measure");
        }
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds must not be null (VerificationThresholds.fromTest() for the default)");
        }
    }

    /** The dataset-axis labels of the tables, in config order: one per dataset and train size ({@link TrainSizes#names}); rows.csv keeps the plain dataset name and {@code n_train}. */
    public List<String> datasetNames() {
        return datasets.stream().flatMap(d -> trainSizes.names(d.name()).stream()).toList();
    }

    public List<String> learnerLabels() {
        return variants.stream().map(BoundLearner::label).toList();
    }

    /** The resolved configuration as a plain tree (for config.resolved.yaml). */
    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("datasets", datasets.stream().map(DatasetSpec::toTree).toList());
        Map<String, Object> p = new LinkedHashMap<>(protocol.toTree());
        if (!trainSizes.isEmpty()) {
            p.put("train_sizes", trainSizes.sizes());
        }
        m.put("protocol", p);
        m.put("retrieval", retrieval.configName());
        m.put("preprocessing", preprocessing.toTree());
        m.put("seeds", seeds);
        List<Object> ls = new ArrayList<>();
        int at = 0;
        for (LearnerSpec spec : learners) {
            Map<String, Object> t = spec.toTree();
            int count = spec.expand().size();
            List<BoundLearner> mine = variants.subList(at, at + count);
            at += count;
            if (spec.sweep().isEmpty()) {
                t.put("params", mine.get(0).resolvedParams());
            } else {
                List<Object> vs = new ArrayList<>();
                for (BoundLearner b : mine) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("label", b.label());
                    v.put("params", b.resolvedParams());
                    vs.add(v);
                }
                t.put("variants", vs);
            }
            ls.add(t);
        }
        m.put("learners", ls);
        m.putAll(thresholds.toTree());
        m.put("measures", measures);
        m.put("table", table.toTree());
        m.put("warmup", warmup);
        if (tuning.isActive()) {
            m.put("tuning", tuning.toTree());
        }
        if (search instanceof SearchSpec.Hnsw) {
            m.put("search", SearchBinder.toTree(search));
        }
        return m;
    }
}
