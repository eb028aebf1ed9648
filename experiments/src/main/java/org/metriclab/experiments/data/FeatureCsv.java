package org.metriclab.experiments.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.linalg.Matrix;

/**
 * A CSV file in a model's training format, read for embedding: a header row, numeric feature columns
 * and optionally a label column whose values are kept verbatim (they are carried through, not used).
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
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(path + ": no such file; expected a CSV file with a header row");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new DataFormatException(path + ": empty file; expected a header row and at least one data row");
        }
        String[] header = lines.get(first).split(",", -1);
        int labelAt = -1;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            if (header[j].trim().equals(labelColumn)) {
                labelAt = j;
            } else {
                names.add(header[j].trim());
            }
        }
        int d = names.size();
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.length) {
                throw new DataFormatException(path + ":" + (i + 1) + ": expected " + header.length + " comma-separated values (as in the header), found " + f.length);
            }
            double[] row = new double[d];
            int k = 0;
            for (int j = 0; j < f.length; j++) {
                if (j == labelAt) {
                    labels.add(f[j].trim());
                    continue;
                }
                row[k++] = number(f[j], path, i + 1, header[j].trim());
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(path + ": only a header row; expected at least one data row");
        }
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        return new FeatureCsv(names, Matrix.of(rows.size(), d, x), labelColumn, labelAt >= 0 ? Optional.of(labels) : Optional.empty());
    }

    private static double number(String s, Path path, int line, String column) {
        String t = s.trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new DataFormatException(path + ":" + line + ": expected a number in column '" + column + "', found '" + t + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(path + ":" + line + ": non-finite value " + t + " in column '" + column + "'; expected a finite number");
        }
        return v;
    }
}
