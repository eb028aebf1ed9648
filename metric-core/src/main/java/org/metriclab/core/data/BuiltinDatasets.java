package org.metriclab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The datasets shipped as resources, each with its fixed stratified 70/30 split (UCI, CC BY 4.0):
 * iris (150×4, 3 classes), wine (178×13, 3), breast_cancer (569×30, 2), digits (1797×64, 10).
 */
public final class BuiltinDatasets {
    /** The built-in names. */
    public static final List<String> NAMES = List.of("iris", "wine", "breast_cancer", "digits");

    private BuiltinDatasets() {
    }

    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** The dataset and its shipped split. */
    public static LabeledData load(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("unknown built-in dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
        Dataset d;
        try (Reader r = resource(name + ".csv")) {
            d = CsvReader.readDataset(r, "built-in " + name + ".csv", name, CsvReader.LABEL);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in dataset " + name, e);
        }
        Split s;
        try (Reader r = resource(name + ".split.csv")) {
            s = CsvReader.readSplit(r, "built-in " + name + ".split.csv", d.size());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in split " + name, e);
        }
        return new LabeledData(d, Optional.of(s));
    }

    private static Reader resource(String file) {
        InputStream in = BuiltinDatasets.class.getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("built-in resource " + file + " is missing from the jar");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
