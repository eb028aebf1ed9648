package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metriclab.experiments.report.Projection;
import org.metriclab.experiments.report.Report;
import org.metriclab.experiments.results.PairedSignificance;
import org.metriclab.experiments.results.PublishedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metriclab report RESULTS_DIR [--out FILE] [--embeddings [--projection pca|tsne]] [--test t|wilcoxon] [--alpha A]}: one
 * self-contained HTML report.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Write a self-contained report.html (tables, significance, "
        + "figures embedded, config, provenance) and every figure as SVG, PDF and PNG, from a results directory's files; nothing is rerun.")
final class ReportCommand implements Callable<Integer> {
    private final Console io;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "the report file (default: RESULTS_DIR/report.html); plots go to plots/ next to it")
    Path out;

    @Option(names = "--embeddings", description = "also refit every learner once (first seed, first split) to plot its test embeddings in 2-D")
    boolean embeddings;

    @Option(names = "--projection", paramLabel = "P", defaultValue = "pca", description = "how --embeddings shows embeddings of more than "
            + "two dimensions: pca (first two principal components) or tsne (exact t-SNE on up to 1000 test rows, seeded with the run's first seed; "
            + "slower) (default: ${DEFAULT-VALUE})")
    String projection;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "t", description = "paired test against each row's best: t or wilcoxon (default: ${DEFAULT-VALUE})")
    String test;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "family-wise level (default: ${DEFAULT-VALUE})")
    double alpha;

    ReportCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PublishedTable.Options options = new PublishedTable.Options(PairedSignificance.parse(test), alpha, false, false);
        ResultsDir run = ResultsDir.read(dir);
        Projection p = Projection.parse(projection);
        Report r = Report.write(dir, run.rows(), run.tables(), options, embeddings, p, out);
        r.notes().forEach(n -> io.err().println("metriclab: note: " + n));
        io.out().println("wrote " + r.html() + " and " + (r.written().size() - 1) / 3 + " figures (PNG, SVG and PDF) in "
                + r.html().toAbsolutePath().getParent().resolve("plots"));
        return 0;
    }
}
