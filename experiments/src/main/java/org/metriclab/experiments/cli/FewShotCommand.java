package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.fewshot.FewShotProtocol;
import org.metriclab.experiments.jackson.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab fewshot --embeddings CSV --labels CSV [--ways 5] [--shots 1,5] [--queries 15]
 * [--episodes 600] [--distance euclidean|cosine] [--seed 0]}: the few-shot protocol (N-way K-shot
 * episodes, nearest prototype) on embeddings of classes unseen in training, e.g. the output of
 * {@code metriclab transform}; prints JSON with the mean accuracy and its 95% interval per shot count.
 */
@Command(name = "fewshot", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Few-shot evaluation: mean N-way K-shot episode accuracy (nearest prototype) with a 95%% interval, as JSON.")
final class FewShotCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--embeddings", required = true, paramLabel = "CSV", description = "embeddings of the test classes, one row per sample")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "one label per line: an integer or a class name")
    Path labels;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or npy; default ${DEFAULT-VALUE}")
    EvaluateCommand.InputFormat format;

    @Option(names = "--ways", paramLabel = "N", defaultValue = "5", description = "classes per episode; default ${DEFAULT-VALUE}")
    int ways;

    @Option(names = "--shots", split = ",", paramLabel = "K", defaultValue = "1,5", description = "support rows per class, one result each; default ${DEFAULT-VALUE}")
    List<Integer> shots;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "15", description = "query rows per class; default ${DEFAULT-VALUE}")
    int queries;

    @Option(names = "--episodes", paramLabel = "E", defaultValue = "600", description = "episodes per shot count; default ${DEFAULT-VALUE}")
    int episodes;

    @Option(names = "--distance", paramLabel = "D", defaultValue = "euclidean",
            description = "euclidean (squared, to the prototypes) or cosine (rows L2-normalised first); default ${DEFAULT-VALUE}")
    EvaluateCommand.RetrievalDistance distance;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of the episodes; default ${DEFAULT-VALUE}")
    long seed;

    FewShotCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Matrix x = format.matrix(embeddings);
        List<String> values = format.labelValues(labels);
        if (values.size() != x.rows()) {
            throw new IllegalArgumentException(labels + " has " + values.size() + " labels but " + embeddings + " has " + x.rows() + " rows");
        }
        Labels y = ClassDictionary.of(values).encode(values);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ways", ways);
        out.put("queries", queries);
        out.put("episodes", episodes);
        out.put("distance", distance.name().toLowerCase(Locale.ROOT));
        out.put("seed", seed);
        Map<String, Object> results = new LinkedHashMap<>();
        for (int k : shots) {
            FewShotProtocol.Result r = new FewShotProtocol(ways, k, queries, episodes, distance == EvaluateCommand.RetrievalDistance.COSINE)
                    .evaluate(x, y, seed);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("mean_accuracy", r.meanAccuracy());
            one.put("ci95", r.ci95());
            results.put(ways + "way_" + k + "shot", one);
        }
        out.put("results", results);
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }
}
