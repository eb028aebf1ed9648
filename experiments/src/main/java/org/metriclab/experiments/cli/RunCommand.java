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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.TableFormat;
import org.metriclab.experiments.run.Runner;
import org.metriclab.experiments.run.TrialExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metriclab run CONFIG [--out DIR] [--resume] [--threads N] [--engine local|spark] [--master URL]}.
 * Engines other than {@code local} are {@link TrialExecutor.Engine} services of other modules (metric-spark);
 * the {@code metriclab} launcher puts that module's class path in place for {@code --engine spark}.
 */
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

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "where trials run: local (threads in this JVM, default) or spark (metric-spark; see --master)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "cluster address for --engine spark: local[N], spark://host:port, yarn")
    String master;

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
        byte[] bytes = Files.readAllBytes(config);
        Runner runner = new Runner(registry, new ProgressReporter(io), clock);
        Runner.Summary s;
        if (engine.equals("local")) {
            if (master != null) {
                throw new IllegalArgumentException("--master needs --engine spark (the local engine runs in this JVM)");
            }
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            s = runner.run(cfg, bytes, base, dir, resume, n);
        } else {
            TrialExecutor.Engine e = TrialExecutor.engine(engine).orElseThrow(() -> new IllegalArgumentException("--engine " + engine
                    + ": no such engine on the class path (expected local or spark; spark runs through the metriclab launcher,"
                    + " which uses the metric-spark module's class path)"));
            try (TrialExecutor executor = e.open(new TrialExecutor.Request(Optional.ofNullable(master),
                    threads == null ? 0 : threads, bytes, base, registry))) {
                s = runner.run(cfg, bytes, base, dir, resume, executor);
            }
        }
        for (String m : s.tables().measures()) {
            io.out().println();
            io.out().println("### " + m);
            io.out().println();
            io.out().print(TableFormat.MARKDOWN.render(s.tables().publish(s.rows(), m, PublishedTable.Options.defaults())));
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
