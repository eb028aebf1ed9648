package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.verify.PairSample;
import org.metriclab.eval.verify.PairSampler;
import org.metriclab.eval.verify.ValidatedThreshold;
import org.metriclab.eval.verify.VerificationRates;
import org.metriclab.experiments.jackson.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab verify}: pair verification with thresholds from a validation part ({@code threshold_from:
 * validation}). For each FAR target the threshold is chosen on the validation pairs (every unordered pair of
 * validation rows) and applied to the test pairs; JSON gives the threshold and the TAR and FAR reached on both. A target
 * x needs at least ⌈1/x⌉ different-label validation pairs; with fewer its numbers are null and
 * {@code tar_at_far_<x>_not_estimable} says how many are needed.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verification at thresholds chosen on a validation part and applied to the test part; JSON.")
final class VerifyCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE", description = "test embeddings")
    Path embeddings;
    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "test labels")
    Path labels;
    @Option(names = "--validation-embeddings", required = true, paramLabel = "FILE", description = "validation embeddings (thresholds come from these)")
    Path validationEmbeddings;
    @Option(names = "--validation-labels", required = true, paramLabel = "FILE")
    Path validationLabels;
    @Option(names = "--far", split = ",", paramLabel = "X", defaultValue = "0.1,0.01,0.001",
            description = "FAR targets, powers of ten; default ${DEFAULT-VALUE}")
    List<Double> far;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or npy, as for evaluate; default ${DEFAULT-VALUE}")
    EvaluateCommand.InputFormat format;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of the pair sample when all pairs exceed the memory budget")
    long seed;

    VerifyCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<FarTarget> targets = far.stream().map(FarTarget::new).toList();
        targets.forEach(FarTarget::exponent);
        Matrix test = format.matrix(embeddings);
        Matrix validation = format.matrix(validationEmbeddings);
        if (test.cols() != validation.cols()) {
            throw new IllegalArgumentException(validationEmbeddings + " has " + validation.cols() + "-dimensional rows but " + embeddings
                    + " has " + test.cols() + "; both must come from the same model");
        }
        List<String> tl = format.labelValues(labels);
        List<String> vl = format.labelValues(validationLabels);
        requireCount(tl, test, labels);
        requireCount(vl, validation, validationLabels);
        ClassDictionary classes = ClassDictionary.of(List.of(tl, vl));
        PairSample testPairs = pairs(test, classes.encode(tl).toArray(), "test embeddings");
        PairSample validationPairs = pairs(validation, classes.encode(vl).toArray(), "validation embeddings");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threshold_from", "validation");
        out.put("validation_pairs", Map.of("positive", validationPairs.positives().length, "negative", validationPairs.negatives().length,
                "sampled", validationPairs.sampled()));
        out.put("test_pairs", Map.of("positive", testPairs.positives().length, "negative", testPairs.negatives().length,
                "sampled", testPairs.sampled()));
        for (FarTarget target : targets) {
            ValidatedThreshold v = ValidatedThreshold.of(validationPairs, testPairs, target.exponent());
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("threshold", finite(v.threshold()));
            point.put("validation_tar", finite(v.validationTar()));
            point.put("validation_far", finite(v.validationFar()));
            point.put("test_tar", finite(v.testTar()));
            point.put("test_far", finite(v.testFar()));
            out.put("tar_at_far_" + target.label(), point);
            VerificationRates.of(validationPairs).notEstimable(target.exponent()).ifPresent(why ->
                    out.put("tar_at_far_" + target.label() + "_not_estimable", why + " in the validation part"));
        }
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }

    private PairSample pairs(Matrix x, int[] labels, String what) {
        EmbeddingRows rows = EmbeddingRows.of(x, what);
        return PairSampler.collect(rows, labels, new ReferenceTiles(rows), labels, true, seed);
    }

    private static void requireCount(List<String> l, Matrix x, Path file) {
        if (l.size() != x.rows()) {
            throw new IllegalArgumentException(file + " has " + l.size() + " labels but its embeddings have " + x.rows() + " rows; expected one label per row");
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
