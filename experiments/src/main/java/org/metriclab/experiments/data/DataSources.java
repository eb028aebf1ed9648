package org.metriclab.experiments.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.config.DatasetSpec;

/** Loads the datasets a config or the command line names. */
public final class DataSources {
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private DataSources() {
    }

    /** The dataset with its own split when it has one (built-ins, IDX train/t10k, CSV with a split file, npy with test files, registered sources). */
    public static LabeledData load(DatasetSpec spec) {
        if (spec instanceof DatasetSpec.Grouped g) {
            LabeledData d = load(g.source());
            return new LabeledData(g.groups().apply(d.dataset()).withName(g.name()), d.split());
        }
        if (spec instanceof DatasetSpec.Builtin b) {
            LabeledData d = BuiltinDatasets.load(b.name());
            return new LabeledData(d.dataset().withName(b.name()), d.split());
        }
        if (spec instanceof DatasetSpec.Csv c) {
            Dataset d = CsvReader.readDataset(c.csv(), c.label()).withName(c.name());
            Optional<Split> split = Optional.empty();
            if (c.split().isPresent()) {
                split = Optional.of(CsvReader.readSplit(c.split().get(), d.size()));
            }
            return new LabeledData(d, split);
        }
        if (spec instanceof DatasetSpec.Registered r) {
            DatasetSource source = DatasetSources.load().find(r.name()).orElseThrow(() -> new IllegalArgumentException(
                    "no dataset source named '" + r.name() + "' on the class path (register one in META-INF/services/"
                    + DatasetSource.class.getName() + ")"));
            LabeledData d = source.load();
            return new LabeledData(d.dataset().withName(r.name()), d.split());
        }
        if (spec instanceof DatasetSpec.Npz z) {
            return NpzArchives.load(z);
        }
        if (spec instanceof DatasetSpec.Npy n) {
            return NpyDatasets.load(n);
        }
        return idx((DatasetSpec.Idx) spec);
    }

    /**
     * Fashion-MNIST-style IDX files: the train files form the train part and the t10k files the test
     * part; pixel values are divided by 255.
     */
    static LabeledData idx(DatasetSpec.Idx spec) {
        Path dir = spec.dir();
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException("dataset '" + spec.name() + "': directory " + dir + " does not exist; install Fashion-MNIST with "
                    + "`apt-get install dataset-fashion-mnist` or set idx.dir to a directory holding " + String.join(", ", IDX_FILES) + " (optionally .gz)");
        }
        Path[] files = new Path[IDX_FILES.length];
        for (int i = 0; i < IDX_FILES.length; i++) {
            files[i] = find(dir, IDX_FILES[i], spec.name());
        }
        Dataset train = IdxReader.readDataset(spec.name(), files[0], files[1], spec.limit());
        Dataset test = IdxReader.readDataset(spec.name(), files[2], files[3], spec.limit());
        if (train.dim() != test.dim()) {
            throw new DataFormatException(dir + ": train images have " + train.dim() + " pixels but t10k images have " + test.dim());
        }
        int n1 = train.size();
        int n = n1 + test.size();
        int d = train.dim();
        double[] x = new double[n * d];
        double[] a = train.x().toArray();
        double[] b = test.x().toArray();
        for (int i = 0; i < a.length; i++) {
            x[i] = a[i] / 255.0;
        }
        for (int i = 0; i < b.length; i++) {
            x[a.length + i] = b[i] / 255.0;
        }
        int[] y = new int[n];
        System.arraycopy(train.labels().toArray(), 0, y, 0, n1);
        System.arraycopy(test.labels().toArray(), 0, y, n1, test.size());
        boolean[] isTest = new boolean[n];
        for (int i = n1; i < n; i++) {
            isTest[i] = true;
        }
        return new LabeledData(new Dataset(spec.name(), Matrix.of(n, d, x), Labels.of(y)), Optional.of(Split.fromTestFlags(isTest)));
    }

    private static Path find(Path dir, String base, String name) {
        for (Path p : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataFormatException("dataset '" + name + "': " + dir + " has no " + base + " (or " + base + ".gz); "
                + "install Fashion-MNIST with `apt-get install dataset-fashion-mnist` or set idx.dir");
    }

    /** The feature names of a CSV dataset (header without the label column). */
    public static List<String> featureNames(Path csv, String labelColumn) {
        List<String> out = new ArrayList<>(List.of(header(csv)));
        if (!out.remove(labelColumn)) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The label column CsvReader uses for a file: {@code label} when the header has it, else the last column. */
    public static String labelColumn(Path csv) {
        String[] header = header(csv);
        return List.of(header).contains(CsvReader.LABEL) ? CsvReader.LABEL : header[header.length - 1];
    }

    private static String[] header(Path csv) {
        return CsvReader.header(csv).orElseThrow(() -> new DataFormatException(csv + ": empty file; expected a header row"));
    }
}
