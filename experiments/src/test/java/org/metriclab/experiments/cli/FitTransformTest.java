package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.CovarianceLearner;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.experiments.jackson.Trees;

/** fit → model JSON → transform, checked against the same pipeline computed directly. */
class FitTransformTest {
    @TempDir
    Path tmp;

    @Test
    void deepFitShowsLossAndThroughputOnItsProgressBar() {
        Path model = tmp.resolve("deep.json");
        Cli fit = Cli.run("fit", "--learner", "deep_metric", "--param", "hidden=[8]", "--param", "embedding_size=4", "--param", "epochs=2",
                "--param", "sampler=shuffle", "--param", "batch_size=20", "--param", "loss=contrastive", "--data", "iris", "--standardize",
                "--progress", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("fit deep_metric"), fit.err());
        assertTrue(fit.err().matches("(?s).*epoch 2: loss [0-9.e-]+, [0-9]+ samples/s.*"), fit.err());
        Cli quiet = Cli.run("fit", "--learner", "deep_metric", "--param", "hidden=[8]", "--param", "epochs=1", "--param", "sampler=shuffle",
                "--param", "batch_size=20", "--data", "iris", "--out", tmp.resolve("q.json").toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(!quiet.err().contains("samples/s"), "no bar off a terminal unless asked: " + quiet.err());
    }

    @Test
    void epochSummaryNamesWhatIsKnown() {
        assertEquals(" | epoch 3: loss 0.09140, 12480 samples/s, val MAP@R 0.712", FitProgress.describeEpoch(3, 0.0914, 12480.4, 0.7123));
        assertEquals(" | epoch 1: loss 1.500", FitProgress.describeEpoch(1, 1.5, Double.NaN, Double.NaN));
    }

    @Test
    void builtinModelCarriesStandardisationAndLabels() throws Exception {
        Path model = tmp.resolve("m/cov.json");
        Cli fit = Cli.run("fit", "--learner", "covariance", "--data", "iris", "--standardize", "--seed", "3", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());

        Map<?, ?> json = (Map<?, ?>) Trees.readJson(model);
        assertEquals("metriclab-model", json.get("format"));
        assertEquals("covariance", json.get("learner"));
        assertEquals(Map.of("rcond", 1e-10), json.get("params"));
        assertEquals(3, ((Number) json.get("seed")).intValue());
        assertEquals(true, json.get("standardize"));
        List<?> features = (List<?>) json.get("features");
        assertEquals(4, features.size());
        Map<?, ?> metric = (Map<?, ?>) json.get("metric");
        assertEquals("preprocessed", metric.get("kind"));
        assertEquals("standardize", ((Map<?, ?>) metric.get("preprocessing")).get("type"));

        // the input: every iris row in the training format (features + label column)
        LabeledData iris = BuiltinDatasets.load("iris");
        Dataset all = iris.dataset();
        StringBuilder csv = new StringBuilder(String.join(",", features.stream().map(String::valueOf).toList()) + ",label\n");
        for (int i = 0; i < all.size(); i++) {
            for (double v : all.x().row(i)) {
                csv.append(v).append(',');
            }
            csv.append(all.labels().get(i)).append('\n');
        }
        Path in = tmp.resolve("iris.csv");
        Files.writeString(in, csv);
        Path emb = tmp.resolve("emb.csv");
        Cli tr = Cli.run("transform", "--model", model.toString(), "--data", in.toString(), "--out", emb.toString());
        assertEquals(0, tr.code(), tr.err());

        // independently: standardise on the train rows, fit covariance, embed
        Dataset train = all.subset(iris.split().orElseThrow().train());
        Standardizer std = Standardizer.fit(train.x());
        MahalanobisMetric cov = CovarianceLearner.from(Params.empty()).fit(train.withFeatures(std.apply(train.x())), FitContext.seeded(3));
        Matrix expected = cov.embed(std.apply(all.x()));

        List<String> lines = Files.readAllLines(emb);
        assertEquals("e0,e1,e2,e3,label", lines.get(0));
        assertEquals(all.size() + 1, lines.size());
        for (int i = 0; i < all.size(); i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                assertEquals(expected.get(i, j), Double.parseDouble(f[j]), 1e-12, "row " + i + " col " + j);
            }
            assertEquals(Integer.toString(all.labels().get(i)), f[4]);
        }
    }

    @Test
    void csvModelKeepsItsLabelColumnAndChecksTheFormat() throws Exception {
        Path data = tmp.resolve("toy.csv");
        Files.writeString(data, "f1,f2,species\n1.0,2.0,setosa\n3.0,1.0,virginica\n2.0,2.0,setosa\n4.0,0.5,virginica\n");
        Path model = tmp.resolve("toy.json");
        assertEquals(0, Cli.run("fit", "--learner", "euclidean", "--data", data.toString(), "--out", model.toString()).code());
        Map<?, ?> json = (Map<?, ?>) Trees.readJson(model);
        assertEquals(List.of("f1", "f2"), json.get("features"));
        assertEquals("species", json.get("label_column"));

        Path out = tmp.resolve("e.csv");
        assertEquals(0, Cli.run("transform", "--model", model.toString(), "--data", data.toString(), "--out", out.toString()).code());
        assertEquals(List.of("e0,e1,species", "1.0,2.0,setosa", "3.0,1.0,virginica", "2.0,2.0,setosa", "4.0,0.5,virginica"),
                Files.readAllLines(out));

        Path unlabelled = tmp.resolve("u.csv");
        Files.writeString(unlabelled, "f1,f2\n0.5,0.25\n");
        assertEquals(0, Cli.run("transform", "--model", model.toString(), "--data", unlabelled.toString(), "--out", out.toString()).code());
        assertEquals(List.of("e0,e1", "0.5,0.25"), Files.readAllLines(out));

        Path wrong = tmp.resolve("w.csv");
        Files.writeString(wrong, "f2,f1,species\n0.5,0.25,x\n");
        Cli bad = Cli.run("transform", "--model", model.toString(), "--data", wrong.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.oneLineError() && bad.err().contains("do not match the model's training format"), bad.err());

        Path notModel = tmp.resolve("x.json");
        Files.writeString(notModel, "{\"a\": 1}");
        Cli nm = Cli.run("transform", "--model", notModel.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, nm.code());
        assertTrue(nm.oneLineError() && nm.err().contains("not a MetricLab model file"), nm.err());
    }
}
