package org.metriclab.experiments.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.CsvTable;
import org.metriclab.core.linalg.Matrix;

/**
 * A CSV file in a model's training format, read for embedding: a header row, numeric feature columns
 * and optionally a label column whose values are kept verbatim (they are carried through, not used).
 * Parsing is {@link CsvReader}'s: strict numbers, unique header names, exact column counts.
 *
 * @param featureNames the header without the label column, in file order
 * @param labels       the label column's raw values, when the header has that column
 */
public record FeatureCsv(List<String> featureNames, Matrix x, String labelColumn, Optional<List<String>> labels) {
    public FeatureCsv {
        featureNames = List.copyOf(featureNames);
        labels = labels.map(List::copyOf);
    }

    public static FeatureCsv read(Path path, String labelColumn) {
        CsvTable t = CsvReader.readTable(path, labelColumn);
        return new FeatureCsv(t.featureNames(), t.x(), labelColumn, t.labels());
    }
}
