package org.metriclab.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.experiments.config.Preprocessing;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.model.StoredModel;
import org.metriclab.experiments.model.TrainingData;
import org.metriclab.experiments.run.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metriclab fit --learner NAME [--param k=v]... --data DATA [--standardize] [--seed N] [--engine local|spark [--master URL]] --out MODEL.json}. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit one learner and store the model as JSON. DATA is a built-in name (trained on its train split) or a CSV path (all rows).")
final class FitCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--learner", required = true, paramLabel = "NAME", description = "registered learner (see: metriclab list learners)")
    String learner;

    @Option(names = "--param", paramLabel = "K=V", description = "learner parameter, repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "built-in dataset name or CSV file with a header row")
    String data;

    @Option(names = "--standardize", description = "fit the train-only standardisation and store it in the model")
    boolean standardize;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--progress", negatable = true, description = "show a progress bar on stderr: iterations, objective (loss) "
            + "and, for deep learners, each epoch's loss, samples/s and validation MAP@R (default: only on a terminal)")
    Boolean progress;

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "model file to write")
    Path out;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local", description = "local (default), or spark: fit this one "
            + "learner data-parallel on Spark (stochastic solvers, e.g. --param solver=minibatch; the same as --param engine=spark)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark: local[N], spark://host:port, yarn")
    String master;

    FitCommand(Console io) {
        this.io = io;
    }

    /** The learner parameters plus {@code engine}/{@code master} from {@code --engine}/{@code --master}. */
    private List<String> withEngine(List<String> given) {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
        }
        if (engine.equals("local")) {
            if (master != null) {
                throw new IllegalArgumentException("--master needs --engine spark (the local engine fits in this JVM)");
            }
            return given;
        }
        List<String> all = new ArrayList<>(given);
        all.add("engine=spark");
        if (master != null) {
            all.add("master=" + master);
        }
        return all;
    }

    @Override
    public Integer call() throws IOException {
        Learners registry = Learners.load();
        Params p = Params.parse(withEngine(params));
        MetricLearner<?> l = registry.create(learner, p);
        TrainingData train = TrainingData.resolve(data);
        LearnedMetric metric;
        try (FitProgress bar = FitProgress.open(io, learner, progress)) {
            metric = Pipeline.fit(train.dataset(), new Preprocessing(standardize, 0), l, new FitContext(seed, bar));
        }
        StoredModel model = new StoredModel(learner, p.resolved(), seed, standardize, data, train.features(), train.labelColumn(), metric);
        Map<String, Object> tree = model.toTree(MetricCodecs.load());
        nonFinite(tree.get("metric"), "metric").ifPresent(where -> {
            throw new FitException(learner, "the fitted model has a non-finite value at " + where + ", so it could not be read back",
                    "standardize or rescale the data, or adjust the learner's regularisation");
        });
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, Trees.toPrettyJson(tree) + "\n", StandardCharsets.UTF_8);
        io.err().println("fitted " + learner + " on " + train.dataset().size() + " rows × " + train.dataset().dim() + " features → "
                + metric.outputDim() + "-d embedding; model written to " + out);
        return 0;
    }

    /** The path of the first non-finite number in a stored tree, if any. */
    static Optional<String> nonFinite(Object tree, String path) {
        if (tree instanceof Double d && !Double.isFinite(d)) {
            return Optional.of(path);
        }
        if (tree instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Optional<String> inner = nonFinite(e.getValue(), path + "." + e.getKey());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        if (tree instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                Optional<String> inner = nonFinite(l.get(i), path + "[" + i + "]");
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
