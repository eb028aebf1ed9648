package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.TableFormat;
import org.metriclab.experiments.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metriclab run CONFIG [--out DIR] [--resume] [--threads N]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment config; results go to results/<name>/<UTC timestamp> (or --out) and the tables are printed.")
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private final Console io;
    private final Clock clock;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment config (YAML)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: results/<name>/<UTC timestamp>)")
    Path out;

    @Option(names = "--resume", description = "continue an interrupted run in --out (default: the latest run of this config's name)")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "trials run in parallel (default: available cores)")
    Integer threads;

    RunCommand(Console io, Clock clock) {
        this.io = io;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Object tree = Trees.readYaml(config);
        Learners registry = Learners.load();
        Path base = config.toAbsolutePath().getParent();
        ExperimentConfig cfg = new ConfigBinder(registry, base).bind(tree);
        Path dir = out != null ? out : defaultDir(cfg.name());
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Runner.Summary s = new Runner(registry, new ProgressReporter(io), clock).run(cfg, Files.readAllBytes(config), base, dir, resume, n);
        for (String m : s.tables().measures()) {
            io.out().println();
            io.out().println("### " + m);
            io.out().println();
            io.out().print(TableFormat.MARKDOWN.render(s.tables().pivot(s.rows(), m)));
        }
        io.out().println();
        io.out().printf(Locale.ROOT, "%d trials (%d resumed) in %.1f s; results in %s%n", s.trials(), s.skipped(),
                (System.nanoTime() - t0) / 1e9, dir);
        if (s.failed() > 0) {
            io.err().println("metriclab: " + s.failed() + " of " + s.trials() + " trials failed (see the warnings column of rows.csv); first: "
                    + s.failures().get(0));
            return 1;
        }
        return 0;
    }

    private Path defaultDir(String name) {
        Path parent = Path.of("results", name);
        if (!resume) {
            return parent.resolve(STAMP.format(clock.instant()));
        }
        if (!Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--resume: no earlier run in " + parent + "; pass --out DIR");
        }
        try (Stream<Path> runs = Files.list(parent)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new IllegalArgumentException("--resume: no earlier run in " + parent + "; pass --out DIR"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
    }
}
