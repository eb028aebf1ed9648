package org.metriclab.experiments.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.experiments.data.DataSources;

/**
 * The training rows named on the command line ({@code fit --data}): a built-in name (its train part)
 * or a CSV path (all rows; label column {@code label}, else the last one), with the feature names and
 * label column that define the model's input format.
 */
public record TrainingData(Dataset dataset, List<String> features, String labelColumn) {
    public TrainingData {
        features = List.copyOf(features);
    }

    public static TrainingData resolve(String data) {
        if (BuiltinDatasets.exists(data)) {
            LabeledData d = BuiltinDatasets.load(data);
            Dataset train = d.split().map(s -> d.dataset().subset(s.train())).orElse(d.dataset());
            return new TrainingData(train, builtinFeatures(data, train.dim()), CsvReader.LABEL);
        }
        Path p = Path.of(data);
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("--data '" + data + "' is a directory; expected a built-in dataset ("
                    + String.join(", ", BuiltinDatasets.NAMES) + ") or a CSV file");
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--data '" + data + "' is neither a built-in dataset (" + String.join(", ", BuiltinDatasets.NAMES)
                    + ") nor an existing CSV file");
        }
        String label = DataSources.labelColumn(p);
        return new TrainingData(CsvReader.readDataset(p, label), DataSources.featureNames(p, label), label);
    }

    private static List<String> builtinFeatures(String name, int dim) {
        try (InputStream in = BuiltinDatasets.class.getResourceAsStream(name + ".csv")) {
            if (in != null) {
                String header = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                List<String> out = new ArrayList<>();
                for (String h : header.split(",")) {
                    if (!h.trim().equals(CsvReader.LABEL)) {
                        out.add(h.trim());
                    }
                }
                if (out.size() == dim) {
                    return out;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + name + " header", e);
        }
        List<String> out = new ArrayList<>();
        for (int j = 0; j < dim; j++) {
            out.add("x" + j);
        }
        return out;
    }
}
