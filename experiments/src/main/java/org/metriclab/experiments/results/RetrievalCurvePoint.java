package org.metriclab.experiments.results;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.DataFormatException;

/**
 * One point of a curve an evaluation produced for a trial ({@link RetrievalCurve}): a line of
 * {@code retrieval_curves.csv}. {@code engine} says which search produced it: {@value #EXACT}, or the approximate index
 * and its settings (e.g. {@code hnsw m=16 ef_construction=100 ef_search=64}). Files written before the column existed
 * have no {@code engine} column; their points were all produced by exact search.
 */
public record RetrievalCurvePoint(TrialKey trial, RetrievalCurve curve, double x, double y, String engine) implements Serializable {
    public static final String FILE = "retrieval_curves.csv";
    /** The engine of points from the exact engine. */
    public static final String EXACT = "exact";
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "curve", "x", "y", "engine");
    /** The header of files written before the engine column. */
    static final List<String> COLUMNS_WITHOUT_ENGINE = COLUMNS.subList(0, COLUMNS.size() - 1);

    public RetrievalCurvePoint {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("a curve point needs the engine that produced it");
        }
    }

    /** A point of the exact engine. */
    public RetrievalCurvePoint(TrialKey trial, RetrievalCurve curve, double x, double y) {
        this(trial, curve, x, y, EXACT);
    }

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                trial.nTrain() == 0 ? "" : Integer.toString(trial.nTrain()), curve.csvName(), Double.toString(x), Double.toString(y), engine);
    }

    static RetrievalCurvePoint of(List<String> f) {
        if (f.size() != COLUMNS.size() && f.size() != COLUMNS_WITHOUT_ENGINE.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        int n = f.get(4).isEmpty() ? 0 : (int) Csv.integer(f.get(4), "n_train", 0, Integer.MAX_VALUE);
        TrialKey key = new TrialKey(f.get(0), f.get(1), Csv.integer(f.get(2), "seed", Long.MIN_VALUE, Long.MAX_VALUE),
                (int) Csv.integer(f.get(3), "split", 0, Integer.MAX_VALUE), n);
        String engine = f.size() == COLUMNS.size() ? f.get(8) : EXACT;
        return new RetrievalCurvePoint(key, RetrievalCurve.parse(f.get(5)), Csv.decimal(f.get(6), "x"), Csv.decimal(f.get(7), "y"), engine);
    }

    /** The points of {@code dir}'s retrieval_curves.csv; none when the file is absent (runs before it existed). */
    public static List<RetrievalCurvePoint> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = TrialLog.completeLines(file);
        if (lines.isEmpty() || !(Csv.parse(lines.get(0)).equals(COLUMNS) || Csv.parse(lines.get(0)).equals(COLUMNS_WITHOUT_ENGINE))) {
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
