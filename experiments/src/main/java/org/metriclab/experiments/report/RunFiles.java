package org.metriclab.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.Curves;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;

/**
 * What the figures read from a results directory: rows.csv with its table layout, the learning curves (curves.csv) and
 * the evaluation curves (retrieval_curves.csv). Malformed files fail with the file and line.
 */
record RunFiles(Path dir, List<ResultRow> rows, Tables layout, List<CurvePoint> curves, List<RetrievalCurvePoint> retrieval) {
    RunFiles {
        rows = List.copyOf(rows);
        curves = List.copyOf(curves);
        retrieval = List.copyOf(retrieval);
    }

    static RunFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory; pass the results directory of a run (metriclab run ... --out DIR)");
        }
        Path rowsFile = dir.resolve(TrialLog.ROWS);
        if (!Files.isRegularFile(rowsFile)) {
            throw new IllegalArgumentException(dir + " is not a results directory (no " + TrialLog.ROWS + "); pass the --out directory of metriclab run");
        }
        List<ResultRow> rows = TrialLog.read(rowsFile);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(rowsFile + " has no results yet; let the run finish (or resume it with run --resume) first");
        }
        return new RunFiles(dir, rows, Tables.read(dir, rows), Curves.read(dir), RetrievalCurvePoint.read(dir));
    }

    /** {@code measure}, or the run's first measure when null, after checking that the run has it. */
    String measure(String measure) {
        List<String> measures = layout.measures();
        if (measure == null) {
            return measures.get(0);
        }
        if (!measures.contains(measure)) {
            throw new IllegalArgumentException("--measure '" + measure + "' is not in this run; it has: " + String.join(", ", measures));
        }
        return measure;
    }

    /** The layout with datasets as rows and learners as columns, whatever the config's table says. */
    Tables byDataset() {
        return new Tables(layout.measures(), "dataset", "learner", layout.datasets(), layout.learners(), layout.sized());
    }
}
