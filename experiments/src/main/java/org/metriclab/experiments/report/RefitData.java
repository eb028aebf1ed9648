package org.metriclab.experiments.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Pca;
import org.metriclab.experiments.config.BoundLearner;
import org.metriclab.experiments.config.DatasetSpec;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.data.DataSources;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.run.Pipeline;
import org.metriclab.experiments.smile.Tsne;

/**
 * What a report recomputes from the config rather than from rows.csv, and only when asked: the size of
 * each dataset's first training split (for the fit-time plot), and 2-D scatter plots of test embeddings
 * from learners refitted on the first seed's first split exactly as the runner fits them (same
 * preprocessing, seed and parameters). Embeddings with more than two dimensions are projected by
 * {@link Projection}: on their first two principal components (fitted on the plotted test embeddings, up
 * to {@link #MAX_POINTS} rows) or by t-SNE seeded with the first seed (up to {@link #MAX_TSNE_POINTS} rows);
 * one dimension is plotted against the row index.
 */
final class RefitData {
    /** Test points drawn per scatter plot at most (the first ones, so the plot is deterministic). */
    static final int MAX_POINTS = 2000;
    /** Test points per t-SNE plot at most (exact t-SNE costs O(n²) per iteration). */
    static final int MAX_TSNE_POINTS = 1000;
    /** t-SNE gradient-descent iterations. */
    static final int TSNE_ITERATIONS = 1000;

    private RefitData() {
    }

    /** Training rows of each dataset's first split under the first seed. */
    static Map<String, Integer> trainSizes(ExperimentConfig cfg) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DatasetSpec spec : cfg.datasets()) {
            out.put(spec.name(), firstSplit(cfg, DataSources.load(spec)).train().length);
        }
        return out;
    }

    private static Split firstSplit(ExperimentConfig cfg, LabeledData ld) {
        return cfg.protocol().splits(ld.dataset().labels(), ld.split(), cfg.seeds().get(0)).get(0);
    }

    static List<Figure> embeddings(ExperimentConfig cfg, Learners registry, Projection projection) {
        List<Figure> out = new ArrayList<>();
        for (DatasetSpec spec : cfg.datasets()) {
            LabeledData ld = DataSources.load(spec);
            for (BoundLearner b : cfg.variants()) {
                out.add(embedding(cfg, registry, projection, spec.name(), ld, b));
            }
        }
        return out;
    }

    /**
     * The embedding scatter of one learner (by label; the first when null) on one dataset (by name; the first when
     * null), refitted once on the first split with the first seed.
     */
    static Figure embedding(ExperimentConfig cfg, Learners registry, Projection projection, String dataset, String learner) {
        DatasetSpec spec = cfg.datasets().stream().filter(d -> dataset == null || d.name().equals(dataset)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--dataset '" + dataset + "' is not in this run; it has: "
                        + String.join(", ", cfg.datasets().stream().map(DatasetSpec::name).toList())));
        BoundLearner b = cfg.variants().stream().filter(v -> learner == null || v.label().equals(learner)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--learner '" + learner + "' is not in this run; it has: "
                        + String.join(", ", cfg.variants().stream().map(BoundLearner::label).toList())));
        return embedding(cfg, registry, projection, spec.name(), DataSources.load(spec), b);
    }

    private static Figure embedding(ExperimentConfig cfg, Learners registry, Projection projection, String dataset, LabeledData ld,
            BoundLearner b) {
        long seed = cfg.seeds().get(0);
        Split split = firstSplit(cfg, ld);
        Dataset train = ld.dataset().subset(split.train());
        int max = projection == Projection.TSNE ? MAX_TSNE_POINTS : MAX_POINTS;
        int[] testRows = split.test().length > max ? Arrays.copyOf(split.test(), max) : split.test();
        Dataset test = ld.dataset().subset(testRows);
        LearnedMetric metric = Pipeline.fit(train, cfg.preprocessing(),
                registry.create(b.type(), Params.of(b.resolvedParams())), new FitContext(seed, Progress.none()));
        Matrix emb = metric.embed(test.x());
        return scatter(dataset, b.label(), emb, test.labels().toArray(), seed, projection);
    }

    static Figure scatter(String dataset, String label, Matrix emb, int[] labels, long seed, Projection projection) {
        String xLabel;
        String yLabel;
        Matrix xy;
        String shown = "";
        if (emb.cols() > 2 && projection == Projection.TSNE && emb.rows() >= Tsne.MIN_POINTS) {
            double[][] layout = Tsne.embed(emb.toRows(), TSNE_ITERATIONS, seed);
            double[] v = new double[emb.rows() * 2];
            for (int i = 0; i < layout.length; i++) {
                v[2 * i] = layout[i][0];
                v[2 * i + 1] = layout[i][1];
            }
            xy = Matrix.of(emb.rows(), 2, v);
            xLabel = "t-SNE 1";
            yLabel = "t-SNE 2";
            shown = ", shown by t-SNE (exact, perplexity min(30, (n-1)/3), " + TSNE_ITERATIONS + " iterations, seed " + seed + ")";
        } else if (emb.cols() > 2) {
            xy = Pca.fit(emb, 2).apply(emb);
            xLabel = "PC 1 of the embedding";
            yLabel = "PC 2 of the embedding";
            shown = ", shown on its first two principal components";
        } else if (emb.cols() == 2) {
            xy = emb;
            xLabel = "embedding dimension 1";
            yLabel = "embedding dimension 2";
        } else {
            double[] v = new double[emb.rows() * 2];
            for (int i = 0; i < emb.rows(); i++) {
                v[2 * i] = i;
                v[2 * i + 1] = emb.get(i, 0);
            }
            xy = Matrix.of(emb.rows(), 2, v);
            xLabel = "test row";
            yLabel = "embedding (1-D)";
        }
        Map<Integer, List<double[]>> byClass = new TreeMap<>();
        for (int i = 0; i < xy.rows(); i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(new double[] {xy.get(i, 0), xy.get(i, 1)});
        }
        Map<String, Charts.Points> groups = new LinkedHashMap<>();
        byClass.forEach((c, pts) -> groups.put("class " + c, new Charts.Points(pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray())));
        return Charts.scatter("embedding_" + ReportFigures.safe(dataset) + "_" + ReportFigures.safe(label),
                "Test embeddings of " + label + " on " + dataset,
                "Test rows of " + dataset + " embedded by " + label + " refitted on the first split with seed " + seed + " ("
                        + emb.cols() + "-D" + shown + "; " + emb.rows() + " test rows), coloured by class.",
                xLabel, yLabel, groups);
    }
}
