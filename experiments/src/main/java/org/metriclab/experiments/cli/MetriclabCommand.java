package org.metriclab.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code metriclab} command: only holds the subcommands. */
@Command(name = "metriclab", mixinStandardHelpOptions = true, version = "MetricLab 0.1.0-SNAPSHOT",
        description = "Metric learning experiments: run configs, fit and apply models, evaluate embeddings, render tables.")
final class MetriclabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
