package org.metriclab.experiments.results;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.eval.search.Degradation;
import org.metriclab.eval.search.SearchSpec;

/**
 * One line of {@code degradation.csv}: for one trial, graph setting, beam width and measure, the value from exact search
 * beside the value from the approximate index, with the index's recall@k against exact search, its build time, and
 * the queries per second of both.
 */
public record DegradationRow(TrialKey trial, int m, int efConstruction, int efSearch, String measure, double exact, double approximate,
                             int recallK, double recall, double buildSeconds, double queriesPerSecond, double exactQueriesPerSecond)
        implements Serializable {
    public static final String FILE = "degradation.csv";
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "m", "ef_construction", "ef_search",
            "measure", "exact", "approximate", "difference", "recall_k", "recall", "build_seconds", "qps", "exact_qps");

    /** Approximate minus exact. */
    public double difference() {
        return approximate - exact;
    }

    /** Index over exact queries per second. */
    public double speedup() {
        return queriesPerSecond / exactQueriesPerSecond;
    }

    /** The lines of one trial's report: per beam width, one per measure in config order. */
    public static List<DegradationRow> of(TrialKey trial, SearchSpec.Hnsw spec, Degradation d, List<String> measures) {
        List<DegradationRow> out = new ArrayList<>();
        for (Degradation.Point p : d.points()) {
            for (String m : measures) {
                out.add(new DegradationRow(trial, spec.m(), spec.efConstruction(), p.efSearch(), m, d.exact().getOrDefault(m, Double.NaN),
                        p.approximate().get(m), d.recallK(), p.recall(), d.buildSeconds(), p.queriesPerSecond(), d.exactQueriesPerSecond()));
            }
        }
        return out;
    }

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                trial.nTrain() == 0 ? "" : Integer.toString(trial.nTrain()), Integer.toString(m), Integer.toString(efConstruction),
                Integer.toString(efSearch), measure, Double.toString(exact), Double.toString(approximate), Double.toString(difference()),
                Integer.toString(recallK), Double.toString(recall), Double.toString(buildSeconds), Double.toString(queriesPerSecond),
                Double.toString(exactQueriesPerSecond));
    }

    static DegradationRow of(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        int n = f.get(4).isEmpty() ? 0 : (int) Csv.integer(f.get(4), "n_train", 0, Integer.MAX_VALUE);
        TrialKey key = new TrialKey(f.get(0), f.get(1), Csv.integer(f.get(2), "seed", Long.MIN_VALUE, Long.MAX_VALUE),
                (int) Csv.integer(f.get(3), "split", 0, Integer.MAX_VALUE), n);
        return new DegradationRow(key, (int) Csv.integer(f.get(5), "m", 0, Integer.MAX_VALUE),
                (int) Csv.integer(f.get(6), "ef_construction", 0, Integer.MAX_VALUE), (int) Csv.integer(f.get(7), "ef_search", 0, Integer.MAX_VALUE),
                f.get(8), Csv.decimal(f.get(9), "exact"), Csv.decimal(f.get(10), "approximate"),
                (int) Csv.integer(f.get(12), "recall_k", 0, Integer.MAX_VALUE), Csv.decimal(f.get(13), "recall"),
                Csv.decimal(f.get(14), "build_seconds"), Csv.decimal(f.get(15), "qps"), Csv.decimal(f.get(16), "exact_qps"));
    }

    /** The lines of {@code dir}'s degradation.csv; none when the run searched exactly. */
    public static List<DegradationRow> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = TrialLog.completeLines(file);
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(COLUMNS)) {
            throw new DataFormatException(file + ": expected the header " + String.join(",", COLUMNS) + "; rerun the experiment");
        }
        List<DegradationRow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                out.add(of(Csv.parse(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage() + "; rerun the experiment");
            }
        }
        return out;
    }
}
