package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metriclab.eval.stats.CriticalDifference;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.plots.PaperWidth;
import org.metriclab.experiments.report.FigureKind;
import org.metriclab.experiments.report.Figures;
import org.metriclab.experiments.report.Projection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metriclab figure KIND RESULTS_DIR [--measure M] [--out FILE.pdf|svg|png]}: one figure for a paper, as PDF, SVG or
 * PNG by the file's extension. Input that cannot give the figure ends with one line and exit 1; no file is written then.
 */
@Command(name = "figure", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Draw one figure of a results directory for a paper: cd (critical-difference diagram), heatmap, dots, curves "
        + "(training), scaling, pr (precision-recall), roc, embedding. Nothing is rerun (embedding refits one learner).")
final class FigureCommand implements Callable<Integer> {
    private final Console io;

    @Parameters(index = "0", paramLabel = "KIND", description = "one of: ${COMPLETION-CANDIDATES}")
    FigureKind kind;

    @Parameters(index = "1", paramLabel = "RESULTS_DIR")
    Path dir;

    @Option(names = "--measure", paramLabel = "M", description = "the measure of cd, heatmap and dots (default: the run's first)")
    String measure;

    @Option(names = "--out", paramLabel = "FILE", description = "FILE.pdf, FILE.svg or FILE.png (default: RESULTS_DIR/figures/<name>.pdf)")
    Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "page", description = "column (3.3 in) or page (7 in) (default: ${DEFAULT-VALUE})")
    PaperWidth width;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "nemenyi",
            description = "cd: nemenyi or wilcoxon_holm (pairwise Wilcoxon signed-rank, Holm-corrected) (default: ${DEFAULT-VALUE})")
    CriticalDifference.PostHoc test;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "cd: significance level (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--dataset", paramLabel = "D", description = "embedding: the dataset (default: the first)")
    String dataset;

    @Option(names = "--learner", paramLabel = "L", description = "embedding: the learner label (default: the first)")
    String learner;

    @Option(names = "--projection", paramLabel = "P", defaultValue = "pca", description = "embedding: pca or tsne (default: ${DEFAULT-VALUE})")
    String projection;

    FigureCommand(Console io) {
        this.io = io;
    }

    /** The output format a file name asks for. */
    enum Format {
        PDF, SVG, PNG;

        static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("--out " + file + ": the file name must end in .pdf, .svg or .png");
        }
    }

    @Override
    public Integer call() {
        Format format = out == null ? Format.PDF : Format.of(out);
        Figure f = new Figures(kind, measure, width, test, alpha, Projection.parse(projection), dataset, learner).draw(dir);
        Path target = out == null ? dir.resolve("figures").resolve(f.name() + ".pdf") : out;
        byte[] bytes = switch (format) {
            case PDF -> f.pdf();
            case SVG -> f.svg().getBytes(StandardCharsets.UTF_8);
            case PNG -> f.png();
        };
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // written beside the target and moved over it, so a failed write never leaves a partial figure
            Path tmp = parent.resolve("." + target.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        io.out().println("wrote " + target + " (" + f.title() + ")");
        return 0;
    }
}
