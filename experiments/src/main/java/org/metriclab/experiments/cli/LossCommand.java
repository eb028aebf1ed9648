package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.LossProbe;
import org.metriclab.deep.LossValue;
import org.metriclab.experiments.jackson.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab loss --loss NAME [--param k=v]... [--miner NAME [--miner-param k=v]...] --embeddings CSV
 * --labels CSV [--weights CSV]}: one batch's loss value and the norm of its gradient w.r.t. the raw
 * embeddings, as JSON {@code {"value": ..., "grad_norm": ...}}, computed in float64 exactly as training
 * does — so a loss can be checked against pytorch-metric-learning's numbers. Names and parameter names
 * follow pytorch-metric-learning 2.8.1.
 */
@Command(name = "loss", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Evaluate a deep metric learning loss (and optional miner) on one batch; prints JSON value and grad_norm.")
final class LossCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--loss", required = true, paramLabel = "NAME", description = "e.g. contrastive, triplet_margin, multi_similarity, ntxent, "
            + "proxy_anchor, proxy_nca, arcface, cosface, lifted_structure, npairs, circle")
    String loss;

    @Option(names = "--param", paramLabel = "k=v", description = "loss parameter (repeatable)")
    List<String> params = List.of();

    @Option(names = "--miner", paramLabel = "NAME", description = "e.g. batch_hard, triplet_margin, multi_similarity, pair_margin")
    String miner;

    @Option(names = "--miner-param", paramLabel = "k=v", description = "miner parameter (repeatable)")
    List<String> minerParams = List.of();

    @Option(names = "--embeddings", required = true, paramLabel = "CSV", description = "batch embeddings, one row per sample, no header")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "one class index (0, 1, ...) per line, no header; it selects the row of --weights")
    Path labels;

    @Option(names = "--weights", paramLabel = "CSV", description = "proxies or class weights, one row per class, no header")
    Path weights;

    LossCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (miner == null && !minerParams.isEmpty()) {
            throw new IllegalArgumentException("--miner-param given without --miner");
        }
        Matrix x = CsvReader.readMatrix(embeddings, false);
        Labels y = CsvReader.readClassIndices(labels, false);
        if (y.size() != x.rows()) {
            throw new IllegalArgumentException(labels + " has " + y.size() + " labels but " + embeddings + " has " + x.rows() + " rows");
        }
        Matrix w = weights == null ? null : CsvReader.readMatrix(weights, false);
        LossValue v = LossProbe.compute(loss, Params.parse(params).raw(), miner,
                miner == null ? Map.of() : Params.parse(minerParams).raw(), x, y, w);
        if (!Double.isFinite(v.value()) || !Double.isFinite(v.gradNorm())) {
            throw new IllegalArgumentException("loss " + loss + " is not finite on this batch (value " + v.value() + ", grad_norm " + v.gradNorm()
                    + "): a parameter or embedding is too large for float64; use smaller --param values or rescale " + embeddings);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", v.value());
        out.put("grad_norm", v.gradNorm());
        io.out().println(Trees.toPrettyJson(out));
        return 0;
    }
}
