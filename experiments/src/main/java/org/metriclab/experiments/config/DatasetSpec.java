package org.metriclab.experiments.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a dataset comes from: a built-in name, a CSV file (header row; label column by name), a
 * directory of IDX files (Fashion-MNIST layout), NumPy {@code .npy} files or a {@code .npz} archive, or a name registered by a
 * {@link org.metriclab.experiments.data.DatasetSource} on the class path. Paths are already resolved
 * (absolute).
 */
public sealed interface DatasetSpec {
    /** The default Fashion-MNIST directory (Debian package {@code dataset-fashion-mnist}). */
    String DEFAULT_IDX_DIR = "/usr/share/datasets/fashion-mnist";

    String name();

    /** The resolved config form, every default filled in. */
    Map<String, Object> toTree();

    /** A dataset shipped with metric-core (with its fixed split). */
    record Builtin(String name) implements DatasetSpec {
        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("builtin", true);
            return m;
        }
    }

    /**
     * A CSV file with a header row; {@code split}, when present, is a one-column {@code is_test} CSV
     * giving the dataset's own split (needed by protocol fixed_split).
     */
    record Csv(String name, Path csv, String label, Optional<Path> split) implements DatasetSpec {
        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("csv", csv.toString());
            m.put("label", label);
            split.ifPresent(s -> m.put("split", s.toString()));
            return m;
        }
    }

    /**
     * IDX image/label files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
     * t10k-labels-idx1-ubyte, each optionally .gz). The train files form the train part and the t10k
     * files the test part of the fixed split. {@code limit} > 0 keeps the first {@code limit} rows of
     * each part; 0 keeps all. Pixels are scaled to [0, 1].
     */
    record Idx(String name, Path dir, int limit) implements DatasetSpec {
        public Idx {
            if (limit < 0) {
                throw new IllegalArgumentException("idx.limit must be >= 0, got " + limit);
            }
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> idx = new LinkedHashMap<>();
            idx.put("dir", dir.toString());
            idx.put("limit", limit);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("idx", idx);
            return m;
        }
    }

    /**
     * NumPy files: float32/float64 features {@code x} (rows, dim), read memory-mapped in chunks, and
     * integer {@code labels} (rows,); optionally {@code test_x}/{@code test_labels}, which form the test
     * part of a fixed split (without them the dataset has no split of its own).
     */
    record Npy(String name, Path x, Path labels, Optional<Path> testX, Optional<Path> testLabels) implements DatasetSpec {
        public Npy {
            if (testX.isPresent() != testLabels.isPresent()) {
                throw new IllegalArgumentException("npy: give both test_x and test_labels, or neither");
            }
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> npy = new LinkedHashMap<>();
            npy.put("x", x.toString());
            npy.put("labels", labels.toString());
            testX.ifPresent(t -> npy.put("test_x", t.toString()));
            testLabels.ifPresent(t -> npy.put("test_labels", t.toString()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("npy", npy);
            return m;
        }
    }

    /**
     * A NumPy {@code .npz} archive (as written by {@code numpy.savez} or {@code savez_compressed}): the
     * arrays named {@code x} and {@code labels} (and optionally {@code testX}/{@code testLabels}) are
     * read as the members {@code <array>.npy}, with the same meaning as in {@link Npy}.
     */
    record Npz(String name, Path archive, String x, String labels, Optional<String> testX, Optional<String> testLabels)
            implements DatasetSpec {
        public Npz {
            if (testX.isPresent() != testLabels.isPresent()) {
                throw new IllegalArgumentException("npz: give both test_x and test_labels, or neither");
            }
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> npz = new LinkedHashMap<>();
            npz.put("file", archive.toString());
            npz.put("x", x);
            npz.put("labels", labels);
            testX.ifPresent(t -> npz.put("test_x", t));
            testLabels.ifPresent(t -> npz.put("test_labels", t));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("npz", npz);
            return m;
        }
    }

    /**
     * A dataset contributed by a {@link org.metriclab.experiments.data.DatasetSource} registered under
     * {@code name}; its resolved form is {@code {name: x}}, which binds back to the same source.
     */
    record Registered(String name) implements DatasetSpec {
        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            return m;
        }
    }

    /**
     * A source with column groups: views of its feature columns and privileged (training-only) columns, in
     * the source's column numbering ({@link ColumnGroups#apply} runs on the loaded data), under {@code name}
     * (the source's own name, or another one given with {@code source:}).
     */
    record Grouped(String name, DatasetSpec source, ColumnGroups groups) implements DatasetSpec {
        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>(source.toTree());
            // a built-in in mapping form is bound by its name alone: drop the marker so the form binds back
            m.remove("builtin");
            if (!name.equals(source.name())) {
                m.put("name", name);
                m.put(ColumnGroups.SOURCE, source.name());
            }
            m.putAll(groups.toTree());
            return m;
        }
    }
}
