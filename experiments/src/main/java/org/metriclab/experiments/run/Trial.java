package org.metriclab.experiments.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RetrievalCurves;
import org.metriclab.eval.search.ApproximateSearch;
import org.metriclab.eval.search.Degradation;
import org.metriclab.eval.search.IndexedEvaluation;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.config.RetrievalMode;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.DegradationRow;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.TrialKey;

/**
 * One unit of work: fit one learner variant on one split of one dataset with one seed, then evaluate
 * the embeddings. A failure (bad data for this learner, a diverging fit) does not stop the run: it
 * becomes rows with value NaN and the reason in {@code warnings}.
 *
 * <p>Public so that other {@link TrialExecutor}s (metric-spark) can run the trials that
 * {@link Runner#planDataset} plans; a trial's result depends only on its fields and the config, never on
 * where it runs.
 */
public record Trial(Dataset data, Split split, int splitIndex, BoundLearner learner, long seed) {
    /** The trial's identity; its {@code nTrain} is the size of this trial's training part (the swept size in a sweep). */
    public TrialKey key() {
        return new TrialKey(data.name(), learner.label(), seed, splitIndex, split.train().length);
    }

    /**
     * The outcome: one row per measure, the curve points, the failure reason if any, and with an approximate search
     * compared to exact search the degradation report's lines.
     */
    public record Outcome(List<ResultRow> rows, List<CurvePoint> curve, List<RetrievalCurvePoint> evaluationCurves, Optional<String> failure,
            double seconds, List<DegradationRow> degradation) {
        /** An outcome without evaluation curves (executors that do not carry them). */
        public Outcome(List<ResultRow> rows, List<CurvePoint> curve, Optional<String> failure, double seconds) {
            this(rows, curve, List.of(), failure, seconds);
        }

        /** An outcome of exact search. */
        public Outcome(List<ResultRow> rows, List<CurvePoint> curve, List<RetrievalCurvePoint> evaluationCurves, Optional<String> failure,
                double seconds) {
            this(rows, curve, evaluationCurves, failure, seconds, List.of());
        }
    }

    /**
     * Warm-up runs repeat until together they took this many seconds or {@link #MAX_WARMUP_RUNS} ran: the
     * just-in-time compiler settles over several runs of a short trial (SCML on digits: about six).
     */
    static final double WARMUP_SECONDS = 5.0;
    static final int MAX_WARMUP_RUNS = 10;

    /**
     * Runs this trial, fit and evaluation, and discards the outcome, repeatedly until the runs took
     * {@link #WARMUP_SECONDS} together or {@link #MAX_WARMUP_RUNS} ran (at least once): the untimed warm-up
     * of {@code warmup: true} (class loading, JIT compilation, native libraries). The evaluation is part
     * of it because its code would otherwise be compiled in the background during the timed fits. A failing
     * trial ends the warm-up; the timed trial reports the failure. Returns the number of runs.
     */
    public int warmUp(ExperimentConfig cfg, Learners registry) {
        long start = System.nanoTime();
        int runs = 0;
        boolean failed = false;
        while (!failed && runs < MAX_WARMUP_RUNS && (runs == 0 || (System.nanoTime() - start) / 1e9 < WARMUP_SECONDS)) {
            runs++;
            failed = run(cfg, registry).failure().isPresent();
        }
        return runs;
    }

    /** Fits and evaluates; never throws for a failing learner (see the class comment). */
    public Outcome run(ExperimentConfig cfg, Learners registry) {
        long t0 = System.nanoTime();
        TrialRecorder recorder = new TrialRecorder(key());
        String params = Trees.canonicalJson(learner.resolvedParams());
        double fitSeconds = Double.NaN;
        try {
            Dataset train = data.subset(split.train());
            Dataset test = data.subset(split.test());
            // threshold_from: validation keeps a validation part of the training rows out of the fit
            Optional<int[]> held = cfg.thresholds().fromValidation()
                    ? Optional.of(ProtocolMeasures.validationRows(train.labels(), cfg.thresholds().validationFraction(), seed)) : Optional.empty();
            Dataset fitPart = held.map(v -> train.subset(ProtocolMeasures.complement(train.size(), v))).orElse(train);
            MetricLearner<?> l = registry.create(learner.type(), Params.of(learner.resolvedParams()));
            LearnedMetric metric = Pipeline.fit(fitPart, cfg.preprocessing(), l, new FitContext(seed, recorder));
            fitSeconds = (System.nanoTime() - t0) / 1e9;
            Matrix testEmb = finite(metric.embed(test.x()), "test");
            Matrix trainEmb = cfg.retrieval() == RetrievalMode.TEST_SELF ? null : finite(metric.embed(train.x()), "train");
            Optional<Dataset> references = trainEmb == null ? Optional.empty() : Optional.of(train.withFeatures(trainEmb));
            List<String> evaluated = ProtocolMeasures.evaluated(cfg);
            List<RetrievalCurvePoint> curves = List.of();
            List<DegradationRow> degradation = List.of();
            Map<String, Double> values;
            List<String> notes = new ArrayList<>();
            if (cfg.search() instanceof SearchSpec.Hnsw hnsw) {
                EmbeddingRows queries = EmbeddingRows.of(testEmb, "test embeddings");
                Degradation d = trainEmb == null
                        ? IndexedEvaluation.run(queries, test.labels().toArray(), queries, null, evaluated, seed, hnsw, ApproximateSearch.require(),
                                RetrievalCurves.DEFAULT_MAX_K)
                        : IndexedEvaluation.run(queries, test.labels().toArray(), EmbeddingRows.of(trainEmb, "train embeddings"),
                                train.labels().toArray(), evaluated, seed, hnsw, ApproximateSearch.require(), RetrievalCurves.DEFAULT_MAX_K);
                values = new HashMap<>(d.reported());
                curves = d.curves().map(c -> EvaluationCurves.points(key(), c, hnsw)).orElse(List.of());
                d.notEstimable().forEach((name, why) -> notes.add(name + ": " + why));
                degradation = d.compared() ? DegradationRow.of(key(), hnsw, d, evaluated) : List.of();
            } else {
                Evaluation evaluation = trainEmb == null
                        ? Evaluation.self(testEmb, test.labels(), evaluated, seed, RetrievalCurves.DEFAULT_MAX_K)
                        : Evaluation.of(testEmb, test.labels(), trainEmb, train.labels(), evaluated, seed, RetrievalCurves.DEFAULT_MAX_K);
                values = new HashMap<>(evaluation.values());
                curves = EvaluationCurves.points(key(), evaluation);
                notes.addAll(evaluation.warnings());
            }
            ProtocolMeasures special = ProtocolMeasures.of(cfg);
            if (!special.measures().isEmpty()) {
                Optional<Dataset> validation = held.map(v -> train.subset(v)).map(d -> d.withFeatures(finite(metric.embed(d.x()), "validation")));
                values.putAll(special.compute(cfg, testEmb, test.labels(), references, validation, seed, notes));
            }
            String warnings = String.join("; ", recorder.warnings().isEmpty() ? notes
                    : Stream.concat(Stream.of(recorder.warnings()), notes.stream()).toList());
            List<ResultRow> rows = new ArrayList<>();
            for (String m : cfg.measures()) {
                Double v = values.get(m);
                if (v == null) {
                    throw new IllegalStateException("the evaluator returned no value for measure '" + m + "'");
                }
                rows.add(row(params, m, v, fitSeconds, warnings));
            }
            return new Outcome(rows, recorder.points(), curves, Optional.empty(), (System.nanoTime() - t0) / 1e9, degradation);
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = "failed: " + reason(e);
            String warnings = recorder.warnings().isEmpty() ? reason : reason + "; " + recorder.warnings();
            List<ResultRow> rows = new ArrayList<>();
            for (String m : cfg.measures()) {
                rows.add(row(params, m, Double.NaN, Double.isNaN(fitSeconds) ? (System.nanoTime() - t0) / 1e9 : fitSeconds, warnings));
            }
            return new Outcome(rows, recorder.points(), Optional.of(reason), (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Why a trial failed, in one line. A learner that cannot fit ({@code FitException}) or a memory preflight
     * ({@code InsufficientMemoryException}) already says why and what to change. An OutOfMemoryError is caught
     * here as well: the trial's allocations are unreachable once it unwinds, so the other trials can go on.
     */
    static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "ran out of memory (heap " + MemoryBudget.gigabytes(MemoryBudget.heapLimit())
                    + "); use smaller settings for this learner or raise the heap, e.g. JAVA_OPTS=-Xmx16g";
        }
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getName() : m).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private ResultRow row(String params, String measure, double value, double fitSeconds, String warnings) {
        return new ResultRow(data.name(), learner.type(), learner.label(), params, seed, splitIndex, split.train().length, measure, value,
                fitSeconds, warnings);
    }

    private static Matrix finite(Matrix embeddings, String part) {
        String bad = embeddings.firstNonFinite();
        if (bad != null) {
            throw new IllegalStateException("the learned metric maps the " + part + " rows to non-finite embeddings (at " + bad + ")");
        }
        return embeddings;
    }
}
