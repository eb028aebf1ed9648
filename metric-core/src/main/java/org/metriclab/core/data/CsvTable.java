package org.metriclab.core.data;

import java.util.List;
import java.util.Optional;
import org.metriclab.core.linalg.Matrix;

/**
 * A CSV file with a header row, read strictly: numeric feature columns and, when the header has it,
 * one label column whose values are kept as written (integers of any size or class names).
 *
 * @param featureNames the header without the label column, in file order (unique, BOM removed)
 * @param x            the feature values, one row per data line
 * @param labelColumn  the label column's name, when the file has one
 * @param labels       the label column's values as written, when the file has one
 */
public record CsvTable(List<String> featureNames, Matrix x, Optional<String> labelColumn, Optional<List<String>> labels) {
    public CsvTable {
        featureNames = List.copyOf(featureNames);
        labels = labels.map(List::copyOf);
        if (labelColumn.isPresent() != labels.isPresent()) {
            throw new IllegalArgumentException("a label column needs its values and values need a label column");
        }
    }
}
