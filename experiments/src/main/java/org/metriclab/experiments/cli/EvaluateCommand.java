package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.io.NpyReader;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.search.ApproximateSearch;
import org.metriclab.eval.search.Degradation;
import org.metriclab.eval.search.IndexedEvaluation;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.eval.stats.Bootstrap;
import org.metriclab.eval.stats.Summary;
import org.metriclab.experiments.config.Measures;
import org.metriclab.experiments.jackson.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab evaluate --embeddings CSV --labels CSV [--reference-embeddings CSV --reference-labels CSV]
 * [--measures a,b,...]}: retrieval measures as JSON on stdout (measure names as keys; null for an
 * undefined value such as when every query is lone). Without references every row is a query against
 * all others (self excluded by index). With {@code --bootstrap N} (query/reference mode only) the JSON also
 * has {@code bootstrap_95ci}: per measure the 95% percentile interval and standard error over N resamples of
 * the queries, each re-evaluated against the fixed references ({@link Bootstrap#resampled}). With {@code --search hnsw} the
 * rank measures come from an HNSW index over the references ({@link IndexedEvaluation}); with {@code --compare-exact} the
 * values are exact and a {@code degradation} object gives, per {@code --ef-search}, the index's values, recall@k and
 * queries per second, with the build time and exact queries per second.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate embeddings (CSV files without header, or NumPy .npy with --format npy) and print JSON.")
final class EvaluateCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--embeddings", required = true, paramLabel = "CSV", description = "query embeddings, one row per sample")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "CSV",
            description = "query labels, one per line: integers of any size or class names")
    Path labels;

    @Option(names = "--reference-embeddings", paramLabel = "CSV")
    Path referenceEmbeddings;

    @Option(names = "--reference-labels", paramLabel = "CSV")
    Path referenceLabels;

    @Option(names = "--measures", split = ",", paramLabel = "M", description = "measures (default: metric-eval's defaults)")
    List<String> measures;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "input format of all four files: csv (no header; one label per line, an integer or a class name) or npy "
                    + "(NumPy .npy, C order: embeddings float32/float64 [n, d], labels integer [n]); default ${DEFAULT-VALUE}")
    InputFormat format;

    /** How embeddings and labels are read. */
    enum InputFormat {
        CSV, NPY;

        Matrix matrix(Path file) {
            return this == CSV ? CsvReader.readMatrix(file, false) : NpyReader.readMatrix(file);
        }

        /** The labels as written; a {@link ClassDictionary} over all label files numbers them. */
        List<String> labelValues(Path file) {
            return this == CSV ? CsvReader.readLabelValues(file, false) : NpyReader.readLabelValues(file);
        }
    }

    @Option(names = "--distance", paramLabel = "D", defaultValue = "euclidean",
            description = "euclidean or cosine (rows L2-normalised first: same ranking as cosine distance); default ${DEFAULT-VALUE}")
    RetrievalDistance distance;

    /** The distance neighbours are ranked by. */
    enum RetrievalDistance {
        EUCLIDEAN, COSINE;

        Matrix prepare(Matrix x) {
            return this == COSINE ? RetrievalEvaluator.cosineNormalized(x) : x;
        }
    }

    @Option(names = "--progress", negatable = true, description = "show a progress bar over the queries on stderr "
            + "(default: only on a terminal)")
    Boolean progress;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed for k-means (NMI, AMI) and the bootstrap; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
            description = "also print 95%% bootstrap intervals over N resamples of the queries (2.." + Bootstrap.MAX_RESAMPLES
                    + "; needs reference embeddings; default: off)")
    int bootstrap;

    @Option(names = "--search", paramLabel = "TYPE", defaultValue = "exact",
            description = "exact (default) or hnsw: the neighbours behind the rank measures come from an HNSW index (metric-index)")
    SearchType search;

    /** Where the neighbours come from. */
    enum SearchType {
        EXACT, HNSW
    }

    @Option(names = "--m", paramLabel = "M", defaultValue = "16", description = "HNSW neighbours per node and layer; default ${DEFAULT-VALUE}")
    int hnswM;

    @Option(names = "--ef-construction", paramLabel = "N", defaultValue = "100", description = "HNSW build beam width; default ${DEFAULT-VALUE}")
    int efConstruction;

    @Option(names = "--ef-search", split = ",", paramLabel = "N", defaultValue = "64",
            description = "HNSW search beam width, or several (a sweep, with --compare-exact); default ${DEFAULT-VALUE}")
    List<Integer> efSearch;

    @Option(names = "--compare-exact", description = "with --search hnsw: also search exactly and print the degradation report")
    boolean compareExact;

    @Option(names = "--recall-k", paramLabel = "K", defaultValue = "10", description = "k of the index's recall@k against exact search; default ${DEFAULT-VALUE}")
    int recallK;

    EvaluateCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if ((referenceEmbeddings == null) != (referenceLabels == null)) {
            throw new IllegalArgumentException("--reference-embeddings and --reference-labels go together; give both or neither");
        }
        List<String> named = measures == null || measures.isEmpty() ? Measures.defaults() : trimmed(measures);
        for (String m : named) {
            Measures.problem(m).ifPresent(p -> {
                throw new IllegalArgumentException("--measures: " + p);
            });
        }
        // the evaluator reports each measure under its canonical name (precision_at_5_pml is precision_at_5)
        List<String> ms = named.stream().map(Measures::canonical).distinct().toList();
        if (bootstrap != 0) {
            try {
                Bootstrap.requireResamples(bootstrap);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--bootstrap: " + e.getMessage(), e);
            }
        }
        if (bootstrap != 0 && referenceEmbeddings == null) {
            throw new IllegalArgumentException("--bootstrap resamples the queries against fixed references, so it needs --reference-embeddings and --reference-labels "
                            + "(in self mode the queries are the references)");
        }
        Optional<SearchSpec.Hnsw> hnsw = hnsw(ms);
        if (hnsw.isPresent() && bootstrap != 0) {
            throw new IllegalArgumentException("--bootstrap resamples exact evaluations; use it without --search hnsw");
        }
        Matrix q = distance.prepare(format.matrix(embeddings));
        List<String> qRaw = labelValues(labels, q, embeddings);
        Map<String, Double> values;
        Map<String, String> notEstimable = new LinkedHashMap<>();
        Map<String, Object> intervals = new LinkedHashMap<>();
        if (referenceEmbeddings == null) {
            Labels ql = ClassDictionary.of(qRaw).encode(qRaw);
            if (hnsw.isPresent()) {
                EmbeddingRows rows = EmbeddingRows.of(q, "embeddings");
                return print(ms, IndexedEvaluation.run(rows, ql.toArray(), rows, null, ms, seed, hnsw.get(), ApproximateSearch.require()));
            }
            try (QueryProgress bar = QueryProgress.open(io, q.rows(), progress)) {
                Evaluation e = Evaluation.self(q, ql, ms, seed, bar::step);
                values = e.values();
                notEstimable.putAll(e.notEstimable());
            }
        } else {
            Matrix r = distance.prepare(format.matrix(referenceEmbeddings));
            if (r.cols() != q.cols()) {
                throw new IllegalArgumentException(referenceEmbeddings + " has " + r.cols() + "-dimensional rows but " + embeddings
                        + " has " + q.cols() + "-dimensional ones; both must have the same dimension");
            }
            List<String> rRaw = labelValues(referenceLabels, r, referenceEmbeddings);
            ClassDictionary classes = ClassDictionary.of(List.of(qRaw, rRaw));
            Labels ql = classes.encode(qRaw);
            Labels rl = classes.encode(rRaw);
            if (hnsw.isPresent()) {
                return print(ms, IndexedEvaluation.run(EmbeddingRows.of(q, "query embeddings"), ql.toArray(), EmbeddingRows.of(r, "reference embeddings"),
                        rl.toArray(), ms, seed, hnsw.get(), ApproximateSearch.require()));
            }
            try (QueryProgress bar = QueryProgress.open(io, q.rows(), progress)) {
                Evaluation e = Evaluation.of(q, ql, r, rl, ms, seed, bar::step);
                values = e.values();
                notEstimable.putAll(e.notEstimable());
            }
            if (bootstrap > 0) {
                for (String m : ms) {
                    Bootstrap b = Bootstrap.resampled(q.rows(), idx -> RetrievalEvaluator.evaluate(q.rows(idx), ql.subset(idx), r, rl,
                            List.of(m), seed).get(m), bootstrap, Summary.DEFAULT_CONFIDENCE, seed);
                    Map<String, Object> ci = new LinkedHashMap<>();
                    ci.put("low", finiteOrNull(b.low()));
                    ci.put("high", finiteOrNull(b.high()));
                    ci.put("standard_error", finiteOrNull(b.standardError()));
                    ci.put("resamples", b.resamples());
                    intervals.put(m, ci);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String m : ms) {
            Double v = values.get(m);
            out.put(m, v == null || !Double.isFinite(v) ? null : v);
        }
        out.putAll(notEstimable);
        if (!intervals.isEmpty()) {
            out.put("bootstrap_95ci", intervals);
        }
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }

    /** The index settings of {@code --search hnsw}, checked (with the measures) before any file is read; empty for exact search. */
    private Optional<SearchSpec.Hnsw> hnsw(List<String> ms) {
        if (search == SearchType.EXACT) {
            return Optional.empty();
        }
        SearchSpec.Hnsw spec;
        try {
            spec = new SearchSpec.Hnsw(hnswM, efConstruction, efSearch, compareExact, recallK);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--search hnsw: " + e.getMessage().replace("ef_search", "--ef-search").replace("compare_exact: true",
                    "--compare-exact").replace("ef_construction", "--ef-construction").replace("recall_k", "--recall-k"), e);
        }
        try {
            IndexedEvaluation.requireSupported(ms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--measures: " + e.getMessage(), e);
        }
        ApproximateSearch.require();
        return Optional.of(spec);
    }

    /** The measures (exact when compared, else the index's), and with exact search compared the degradation report. */
    private int print(List<String> ms, Degradation d) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String m : ms) {
            Double v = d.reported().get(m);
            out.put(m, v == null || !Double.isFinite(v) ? null : v);
        }
        out.putAll(d.notEstimable());
        if (d.compared()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("build_seconds", d.buildSeconds());
            report.put("recall_k", d.recallK());
            report.put("exact_queries_per_second", d.exactQueriesPerSecond());
            List<Object> points = new ArrayList<>();
            for (Degradation.Point p : d.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("ef_search", p.efSearch());
                point.put("recall", finiteOrNull(p.recall()));
                point.put("queries_per_second", p.queriesPerSecond());
                Map<String, Object> approx = new LinkedHashMap<>();
                ms.forEach(m -> approx.put(m, finiteOrNull(p.approximate().get(m))));
                point.put("approximate", approx);
                points.add(point);
            }
            report.put("points", points);
            out.put("degradation", report);
        }
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private List<String> labelValues(Path file, Matrix x, Path xFile) {
        List<String> l = format.labelValues(file);
        if (l.size() != x.rows()) {
            throw new IllegalArgumentException(file + " has " + l.size() + " labels but " + xFile + " has " + x.rows()
                    + " rows; expected one label per embedding row");
        }
        return l;
    }

    private static List<String> trimmed(List<String> names) {
        List<String> out = new ArrayList<>();
        names.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--measures is empty; known: " + String.join(", ", Arrays.asList(Measures.names().toArray(String[]::new))));
        }
        return out;
    }
}
