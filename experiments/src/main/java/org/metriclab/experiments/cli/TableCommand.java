package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.metriclab.experiments.results.PairedSignificance;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.TableFormat;
import org.metriclab.experiments.results.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metriclab table RESULTS_DIR [--format markdown|latex|csv] [--measure M] [--rows KEY] [--test t|wilcoxon]
 * [--alpha A] [--fit-time] [--dims]}: rebuild publication tables from rows.csv.
 */
@Command(name = "table", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Render a results directory's tables (from rows.csv) to stdout: "
        + "mean ± sd, best per row in bold, † on cells not significantly worse than the best, average ranks.")
final class TableCommand implements Callable<Integer> {
    private final Console io;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown", description = "markdown, latex, csv or html (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--measure", paramLabel = "M", description = "only this measure (default: every measure of the run)")
    String measure;

    @Option(names = "--rows", paramLabel = "KEY", description = "what forms the rows: dataset, learner, seed or split (default: the config's table.rows)")
    String rows;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "t", description = "paired test against each row's best: t or wilcoxon (default: ${DEFAULT-VALUE})")
    String test;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "family-wise level of the Holm-corrected tests (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--fit-time", description = "add each cell's mean fit time in seconds")
    boolean fitTime;

    @Option(names = "--dims", description = "add each cell's embedding size (the learner's dims parameter; 'full' when it keeps every feature)")
    boolean dims;

    TableCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        TableFormat f = TableFormat.parse(format);
        PublishedTable.Options options = new PublishedTable.Options(PairedSignificance.parse(test), alpha, fitTime, dims);
        ResultsDir run = ResultsDir.read(dir);
        Tables tables = rows == null ? run.tables() : run.tables().withRows(rows);
        List<String> measures = run.measures(measure);
        boolean first = true;
        for (String m : measures) {
            String text = f.render(tables.publish(run.rows(), m, options));
            if (f == TableFormat.CSV) {
                io.out().print(first ? text : text.substring(text.indexOf('\n') + 1));
            } else {
                if (measures.size() > 1 || f == TableFormat.MARKDOWN || f == TableFormat.HTML) {
                    io.out().println(switch (f) {
                        case MARKDOWN -> (first ? "" : "\n") + "### " + m + "\n";
                        case HTML -> "<h3>" + TableFormat.htmlEscape(m) + "</h3>";
                        default -> (first ? "" : "\n") + "% " + m;
                    });
                }
                io.out().print(text);
            }
            first = false;
        }
        return 0;
    }
}
