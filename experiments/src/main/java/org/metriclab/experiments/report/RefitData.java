package org.metriclab.experiments.report;

import java.util.ArrayList;
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

/**
 * What a report recomputes from the config rather than from rows.csv, and only when asked: the size of
 * each dataset's first training split (for the fit-time plot), and 2-D scatter plots of test embeddings
 * from learners refitted on the first seed's first split exactly as the runner fits them (same
 * preprocessing, seed and parameters). Embeddings with more than two dimensions are projected on their
 * first two principal components (fitted on the plotted test embeddings); one dimension is plotted
 * against the row index.
 */
final class RefitData {
    /** Test points drawn per scatter plot at most (the first ones, so the plot is deterministic). */
    static final int MAX_POINTS = 2000;

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

    static List<Figure> embeddings(ExperimentConfig cfg, Learners registry) {
        long seed = cfg.seeds().get(0);
        List<Figure> out = new ArrayList<>();
        for (DatasetSpec spec : cfg.datasets()) {
            LabeledData ld = DataSources.load(spec);
            Split split = firstSplit(cfg, ld);
            Dataset train = ld.dataset().subset(split.train());
            int[] testRows = split.test().length > MAX_POINTS ? java.util.Arrays.copyOf(split.test(), MAX_POINTS) : split.test();
            Dataset test = ld.dataset().subset(testRows);
            for (BoundLearner b : cfg.variants()) {
                LearnedMetric metric = Pipeline.fit(train, cfg.preprocessing(),
                        registry.create(b.type(), Params.of(b.resolvedParams())), new FitContext(seed, Progress.none()));
                Matrix emb = metric.embed(test.x());
                out.add(scatter(spec.name(), b.label(), emb, test.labels().toArray(), seed));
            }
        }
        return out;
    }

    static Figure scatter(String dataset, String label, Matrix emb, int[] labels, long seed) {
        String xLabel;
        String yLabel;
        Matrix xy;
        if (emb.cols() > 2) {
            xy = Pca.fit(emb, 2).apply(emb);
            xLabel = "PC 1 of the embedding";
            yLabel = "PC 2 of the embedding";
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
                        + emb.cols() + "-D" + (emb.cols() > 2 ? ", shown on its first two principal components" : "") + "), coloured by class.",
                xLabel, yLabel, groups);
    }
}
