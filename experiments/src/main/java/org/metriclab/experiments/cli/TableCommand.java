package org.metriclab.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TableFormat;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metriclab table RESULTS_DIR --format markdown|latex|csv [--measure M]}: rebuild tables from rows.csv. */
@Command(name = "table", mixinStandardHelpOptions = true, description = "Render a results directory's tables (from rows.csv) to stdout.")
final class TableCommand implements Callable<Integer> {
    private final Console io;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown", description = "markdown, latex or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--measure", paramLabel = "M", description = "only this measure (default: every measure of the run)")
    String measure;

    TableCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        TableFormat f = TableFormat.parse(format);
        Path rowsFile = dir.resolve(TrialLog.ROWS);
        if (!Files.isRegularFile(rowsFile)) {
            throw new IllegalArgumentException(dir + " is not a results directory (no " + TrialLog.ROWS + ")");
        }
        List<ResultRow> rows = TrialLog.read(rowsFile);
        Tables tables = Tables.read(dir, rows);
        List<String> measures = tables.measures();
        if (measure != null) {
            if (!measures.contains(measure)) {
                throw new IllegalArgumentException("--measure '" + measure + "' is not in this run; it has: " + String.join(", ", measures));
            }
            measures = List.of(measure);
        }
        boolean first = true;
        for (String m : measures) {
            String text = f.render(tables.pivot(rows, m));
            if (f == TableFormat.CSV) {
                io.out().print(first ? text : text.substring(text.indexOf('\n') + 1));
            } else {
                if (measures.size() > 1 || f == TableFormat.MARKDOWN) {
                    io.out().println(f == TableFormat.MARKDOWN ? (first ? "" : "\n") + "### " + m + "\n" : (first ? "" : "\n") + "% " + m);
                }
                io.out().print(text);
            }
            first = false;
        }
        return 0;
    }
}
