package org.metriclab.experiments.results;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.DataFormatException;

/**
 * One point of a curve an evaluation produced for a trial ({@link RetrievalCurve}): a line of
 * {@code retrieval_curves.csv}.
 */
public record RetrievalCurvePoint(TrialKey trial, RetrievalCurve curve, double x, double y) implements Serializable {
    public static final String FILE = "retrieval_curves.csv";
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "curve", "x", "y");

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                trial.nTrain() == 0 ? "" : Integer.toString(trial.nTrain()), curve.csvName(), Double.toString(x), Double.toString(y));
    }

    static RetrievalCurvePoint of(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        int n = f.get(4).isEmpty() ? 0 : (int) Csv.integer(f.get(4), "n_train", 0, Integer.MAX_VALUE);
        TrialKey key = new TrialKey(f.get(0), f.get(1), Csv.integer(f.get(2), "seed", Long.MIN_VALUE, Long.MAX_VALUE),
                (int) Csv.integer(f.get(3), "split", 0, Integer.MAX_VALUE), n);
        return new RetrievalCurvePoint(key, RetrievalCurve.parse(f.get(5)), Csv.decimal(f.get(6), "x"), Csv.decimal(f.get(7), "y"));
    }

    /** The points of {@code dir}'s retrieval_curves.csv; none when the file is absent (runs before it existed). */
    public static List<RetrievalCurvePoint> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = TrialLog.completeLines(file);
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(COLUMNS)) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", COLUMNS)
                    + "; the file is damaged: rerun the experiment or delete the file to do without its curves");
        }
        List<RetrievalCurvePoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(of(Csv.parse(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }
}
