package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.deep.crossmodal.CrossModalRetrieval;
import org.metriclab.experiments.data.FeatureCsv;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.model.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab crossmodal --model MODEL.json --data CSV [--measures M,...] [--seed 0]}: cross-modal
 * retrieval with a fitted {@code cross_modal} model on labelled rows: every row's modality-A embedding
 * queries the modality-B embeddings of all rows (a_to_b) and the reverse (b_to_a); prints JSON with the
 * measures of both directions.
 */
@Command(name = "crossmodal", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Cross-modal retrieval of a cross_modal model: modality-A queries against modality-B references and back, as JSON.")
final class CrossModalCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "a model fitted with learner cross_modal")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "labelled rows in the model's training format")
    Path data;

    @Option(names = "--measures", split = ",", paramLabel = "M", defaultValue = "precision_at_1,mean_average_precision_at_r",
            description = "retrieval measures; default ${DEFAULT-VALUE}")
    List<String> measures;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of tie-breaking; default ${DEFAULT-VALUE}")
    long seed;

    CrossModalCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        StoredModel m = StoredModel.read(model, MetricCodecs.load());
        if (!m.learner().equals("cross_modal")) {
            throw new IllegalArgumentException(model + " was fitted with learner " + m.learner()
                    + "; crossmodal needs a cross_modal model (two towers over column groups), e.g. from experiments/configs/cross-modal-spd.yaml");
        }
        FeatureCsv in = FeatureCsv.read(data, m.labelColumn());
        if (!in.featureNames().equals(m.features())) {
            throw new IllegalArgumentException(data + ": feature columns " + in.featureNames() + " do not match the model's training format " + m.features());
        }
        if (in.labels().isEmpty()) {
            throw new IllegalArgumentException(data + " has no label column '" + m.labelColumn() + "'; cross-modal retrieval needs labelled rows");
        }
        List<String> values = in.labels().get();
        Labels y = ClassDictionary.of(values).encode(values);
        Matrix joint = m.metric().embed(in.x());
        CrossModalRetrieval.Result r = new CrossModalRetrieval(measures, seed).evaluate(joint, y);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("rows", joint.rows());
        out.put("a_to_b", new TreeMap<>(r.aToB()));
        out.put("b_to_a", new TreeMap<>(r.bToA()));
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }
}
