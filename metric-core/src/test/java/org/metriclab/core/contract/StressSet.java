package org.metriclab.core.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * The stress data sets of {@code /stress/*.csv} (written by benchmarks/scripts/stress_sets.py with a
 * fixed seed): rank-deficient within-class scatter, near-constant features, duplicated rows, 2 and 50
 * classes, 1:50 imbalance, d &gt; n and feature scales from 1e-6 to 1e6. Each CSV holds the features,
 * an integer label and an is_test flag; the rows are used raw, without standardisation, because the
 * stress is part of the data.
 *
 * @param name  the set's name, e.g. {@code wide}
 * @param train the rows with is_test = 0, in file order
 * @param test  the rows with is_test = 1, in file order
 */
public record StressSet(String name, Dataset train, Dataset test) {
    /** Every stress set, in the order of the reference table. */
    public static final List<String> NAMES = List.of("rank_deficient", "near_constant", "duplicated", "two_class",
            "fifty_class", "imbalanced", "wide", "scales");

    /** Reads one set from the test class path. */
    public static StressSet load(String name) {
        List<double[]> trainRows = new ArrayList<>();
        List<double[]> testRows = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        try (BufferedReader in = reader("/stress/" + name + ".csv")) {
            int columns = in.readLine().split(",").length;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != columns) {
                    throw new IllegalStateException(name + ".csv: a row has " + cells.length + " cells, the header " + columns);
                }
                double[] x = new double[columns - 2];
                for (int j = 0; j < x.length; j++) {
                    x[j] = Double.parseDouble(cells[j]);
                }
                boolean test = Integer.parseInt(cells[columns - 1]) == 1;
                (test ? testRows : trainRows).add(x);
                (test ? testLabels : trainLabels).add(Integer.parseInt(cells[columns - 2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StressSet(name, dataset(name + "/train", trainRows, trainLabels), dataset(name + "/test", testRows, testLabels));
    }

    static BufferedReader reader(String resource) {
        InputStream s = StressSet.class.getResourceAsStream(resource);
        if (s == null) {
            throw new IllegalStateException("test resource " + resource + " is missing");
        }
        return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
    }

    private static Dataset dataset(String name, List<double[]> rows, List<Integer> labels) {
        return new Dataset(name, Matrix.of(rows.toArray(double[][]::new)),
                Labels.of(labels.stream().mapToInt(Integer::intValue).toArray()));
    }
}
