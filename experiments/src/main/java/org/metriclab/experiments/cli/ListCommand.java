package org.metriclab.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.learn.Learners;
import org.metriclab.deep.loss.Losses;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.DatasetSpec;
import org.metriclab.experiments.config.Measures;
import org.metriclab.experiments.config.ProtocolMeasure;
import org.metriclab.experiments.data.DatasetSource;
import org.metriclab.experiments.data.DatasetSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metriclab list learners|datasets|measures|losses|miners}. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "List the registered learners, the datasets, the measures, or the deep losses and miners.")
final class ListCommand implements Callable<Integer> {
    /** What to list. */
    enum What { learners, datasets, measures, losses, miners }

    private final Console io;

    @Parameters(index = "0", paramLabel = "WHAT", description = "learners, datasets, measures, losses or miners")
    What what;

    ListCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        switch (what) {
            case learners -> Learners.load().all().forEach(r ->
                    io.out().printf("%-28s %-14s %s%n", r.entry().name(), r.family(), r.entry().description()));
            case datasets -> {
                for (String name : BuiltinDatasets.NAMES) {
                    LabeledData d = BuiltinDatasets.load(name);
                    Dataset x = d.dataset();
                    io.out().printf("%-16s built-in  %d × %d, %d classes%s%n", name, x.size(), x.dim(), x.labels().classCount(),
                            d.split().map(s -> ", fixed split " + s.train().length + " train / " + s.test().length + " test").orElse(""));
                }
                boolean present = Files.isDirectory(Path.of(DatasetSpec.DEFAULT_IDX_DIR));
                io.out().printf("%-16s IDX       %s (%s)%n", ConfigBinder.FASHION_MNIST, DatasetSpec.DEFAULT_IDX_DIR,
                        present ? "installed" : "not installed: apt-get install dataset-fashion-mnist, or set idx.dir in a config");
                for (DatasetSource source : DatasetSources.load().all()) {
                    io.out().printf("%-16s source    %s (%s)%n", source.name(), source.description(), source.getClass().getName());
                }
                io.out().println("(in configs also: {name: x, csv: path.csv, label: label[, split: path.split.csv]})");
            }
            case measures -> {
                Measures.names().forEach(io.out()::println);
                ProtocolMeasure.names().forEach(n -> io.out().println(n + " (run configs only)"));
                io.out().println("(<k> = a positive integer; <x> = 0_1, 0_01, ...; default: " + String.join(", ", Measures.defaults()) + ")");
            }
            case losses -> Losses.lossNames().forEach(io.out()::println);
            case miners -> Losses.minerNames().forEach(io.out()::println);
        }
        return 0;
    }
}
