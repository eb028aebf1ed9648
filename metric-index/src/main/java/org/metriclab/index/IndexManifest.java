package org.metriclab.index;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What an index directory holds, written last (by an atomic rename) so that a directory without it is an
 * unfinished build: the format version, the embedding dimension, the number of rows, the graph settings, the
 * fingerprint of the model whose embeddings were indexed ({@link #NO_MODEL} for raw embeddings) and whether
 * rows carry labels.
 */
public record IndexManifest(int version, int dim, int rows, HnswParams params, String model, boolean labelled) {
    public static final String FILE = "metriclab-index.properties";
    public static final int VERSION = 1;
    public static final String NO_MODEL = "none";
    private static final String FORMAT = "metriclab-index";

    public IndexManifest {
        if (dim < 1 || rows < 1) {
            throw new IllegalArgumentException("an index manifest needs positive dim and rows, got " + dim + " and " + rows);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("an index manifest needs a model fingerprint or '" + NO_MODEL + "'");
        }
    }

    /** This manifest with {@code added} more rows. */
    public IndexManifest plusRows(int added) {
        long total = (long) rows + added;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the index would hold " + total + " rows, more than one index can; build a second index");
        }
        return new IndexManifest(version, dim, (int) total, params, model, labelled);
    }

    /** Writes the manifest to {@code dir} through a temporary file and an atomic rename. */
    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(version));
        p.setProperty("dimension", Integer.toString(dim));
        p.setProperty("rows", Integer.toString(rows));
        p.setProperty("m", Integer.toString(params.m()));
        p.setProperty("ef_construction", Integer.toString(params.efConstruction()));
        p.setProperty("model", model);
        p.setProperty("labelled", Boolean.toString(labelled));
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MetricLab gallery index");
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads and checks the manifest of {@code dir}; a missing or malformed one is a one-line error. */
    public static IndexManifest read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory; expected an index directory written by 'metriclab index build'");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " has no " + FILE + ": not an index, or its build did not finish; rebuild it with 'metriclab index build'");
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException(dir.resolve(FILE) + " is not a MetricLab index manifest (format '" + p.getProperty("format") + "')");
        }
        int version = integer(p, "version", dir);
        if (version != VERSION) {
            throw new IllegalArgumentException(dir + " is an index of format version " + version + "; this MetricLab reads version " + VERSION
                    + "; rebuild it with 'metriclab index build'");
        }
        try {
            return new IndexManifest(version, integer(p, "dimension", dir), integer(p, "rows", dir),
                    new HnswParams(integer(p, "m", dir), integer(p, "ef_construction", dir)), p.getProperty("model"),
                    Boolean.parseBoolean(p.getProperty("labelled")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve(FILE) + " is corrupted (" + e.getMessage() + "); rebuild the index", e);
        }
    }

    private static int integer(Properties p, String key, Path dir) {
        String v = p.getProperty(key);
        try {
            return Integer.parseInt(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(dir.resolve(FILE) + " is corrupted: '" + key + "' is " + (v == null ? "missing" : "'" + v + "'")
                    + ", expected an integer; rebuild the index", e);
        }
    }
}
