package org.metriclab.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;

/** A results directory as the publishing commands read it: its rows and its table layout (files only, nothing reruns). */
record ResultsDir(Path dir, List<ResultRow> rows, Tables tables) {
    static ResultsDir read(Path dir) {
        Path rowsFile = dir.resolve(TrialLog.ROWS);
        if (!Files.isRegularFile(rowsFile)) {
            throw new IllegalArgumentException(dir + " is not a results directory (no " + TrialLog.ROWS + ")");
        }
        List<ResultRow> rows = TrialLog.read(rowsFile);
        return new ResultsDir(dir, rows, Tables.read(dir, rows));
    }

    /** The run's measures, or just {@code measure} after checking the run has it. */
    List<String> measures(String measure) {
        List<String> measures = tables.measures();
        if (measure == null) {
            return measures;
        }
        if (!measures.contains(measure)) {
            throw new IllegalArgumentException("--measure '" + measure + "' is not in this run; it has: " + String.join(", ", measures));
        }
        return List.of(measure);
    }
}
