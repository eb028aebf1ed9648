package org.metriclab.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.metriclab.core.linalg.Matrix;

/**
 * Reads comma-separated numeric data with clear errors (source, line number, what was expected).
 *
 * <p>A labelled file has a header row; the label column is named by {@code labelColumn} or, when
 * that is null, is the last column. Integer labels are kept; any other label strings are mapped to
 * 0..k-1 in sorted order. Blank lines are skipped.
 */
public final class CsvReader {
    /** The default label column name. */
    public static final String LABEL = "label";

    private CsvReader() {
    }

    /** A labelled dataset from a CSV file with a header row. */
    public static Dataset readDataset(Path path, String labelColumn) {
        try (Reader r = open(path)) {
            return readDataset(r, path.toString(), datasetName(path), labelColumn);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A labelled dataset from CSV text. The label column is {@code labelColumn} when given; otherwise
     * a column named "label" when there is one, else the last column.
     */
    public static Dataset readDataset(Reader reader, String source, String name, String labelColumn) {
        List<String[]> rows = rows(reader, source);
        if (rows.isEmpty()) {
            throw new DataFormatException(source + ": empty file; expected a header row and at least one data row");
        }
        String[] header = rows.get(0);
        if (rows.size() == 1) {
            throw new DataFormatException(source + ": only a header row; expected at least one data row");
        }
        int labelAt = labelIndex(header, labelColumn, source);
        if (header.length < 2) {
            throw new DataFormatException(source + ": header has " + header.length
                    + " column(s); expected at least one feature column and the label column");
        }
        int n = rows.size() - 1;
        int d = header.length - 1;
        double[] x = new double[n * d];
        String[] rawLabels = new String[n];
        for (int i = 0; i < n; i++) {
            String[] row = rows.get(i + 1);
            int line = i + 2;
            if (row.length != header.length) {
                throw new DataFormatException(source + ":" + line + ": expected " + header.length
                        + " comma-separated values (as in the header), found " + row.length);
            }
            int k = 0;
            for (int j = 0; j < row.length; j++) {
                if (j == labelAt) {
                    rawLabels[i] = row[j].trim();
                    if (rawLabels[i].isEmpty()) {
                        throw new DataFormatException(source + ":" + line + ": empty label in column '" + header[j] + "'");
                    }
                } else {
                    x[i * d + k++] = number(row[j], source, line, header[j]);
                }
            }
        }
        return new Dataset(name, Matrix.of(n, d, x), Labels.of(labelIds(rawLabels, source)));
    }

    /** A numeric matrix from a CSV file, with or without a header row (e.g. embeddings). */
    public static Matrix readMatrix(Path path, boolean header) {
        try (Reader r = open(path)) {
            return readMatrix(r, path.toString(), header);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static Matrix readMatrix(Reader reader, String source, boolean header) {
        List<String[]> rows = rows(reader, source);
        int first = header ? 1 : 0;
        if (rows.size() <= first) {
            throw new DataFormatException(source + ": no data rows; expected one row of comma-separated numbers per sample");
        }
        int d = rows.get(first).length;
        int n = rows.size() - first;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            String[] row = rows.get(i + first);
            int line = i + first + 1;
            if (row.length != d) {
                throw new DataFormatException(source + ":" + line + ": expected " + d + " values (as on the first row), found " + row.length);
            }
            for (int j = 0; j < d; j++) {
                x[i * d + j] = number(row[j], source, line, "column " + (j + 1));
            }
        }
        return Matrix.of(n, d, x);
    }

    /** Integer labels, one per line (the first column of each row), with or without a header. */
    public static Labels readLabels(Path path, boolean header) {
        Matrix m = readMatrix(path, header);
        int[] ids = new int[m.rows()];
        for (int i = 0; i < ids.length; i++) {
            double v = m.get(i, 0);
            if (v != Math.rint(v)) {
                throw new DataFormatException(path + ":" + (i + (header ? 2 : 1)) + ": label " + v + " is not an integer");
            }
            ids[i] = (int) v;
        }
        return Labels.of(ids);
    }

    /** A split from a one-column CSV with header {@code is_test} and 0/1 per row. */
    public static Split readSplit(Reader reader, String source, int expectedRows) {
        List<String[]> rows = rows(reader, source);
        if (rows.isEmpty() || rows.get(0).length != 1 || !rows.get(0)[0].trim().equals("is_test")) {
            throw new DataFormatException(source + ": expected a header 'is_test' and one 0/1 value per data row");
        }
        if (rows.size() - 1 != expectedRows) {
            throw new DataFormatException(source + ": " + (rows.size() - 1) + " split rows for a dataset of " + expectedRows + " rows");
        }
        boolean[] isTest = new boolean[expectedRows];
        for (int i = 0; i < expectedRows; i++) {
            String v = rows.get(i + 1)[0].trim();
            if (!v.equals("0") && !v.equals("1")) {
                throw new DataFormatException(source + ":" + (i + 2) + ": expected 0 or 1, found '" + v + "'");
            }
            isTest[i] = v.equals("1");
        }
        return Split.fromTestFlags(isTest);
    }

    /** The header of a CSV file (its first non-blank line), split on commas. */
    public static Optional<String[]> header(Path path) {
        try (Reader r = open(path)) {
            List<String[]> rows = rows(r, path.toString());
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static String datasetName(Path path) {
        String f = path.getFileName().toString();
        return f.endsWith(".csv") ? f.substring(0, f.length() - 4) : f;
    }

    private static Reader open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new DataFormatException(path + " is a directory; expected a CSV file");
        }
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    private static List<String[]> rows(Reader reader, String source) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader)) {
            String line;
            while ((line = br.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static int labelIndex(String[] header, String labelColumn, String source) {
        String wanted = labelColumn != null ? labelColumn : LABEL;
        for (int j = 0; j < header.length; j++) {
            if (header[j].trim().equals(wanted)) {
                return j;
            }
        }
        if (labelColumn != null) {
            throw new DataFormatException(source + ": no column named '" + labelColumn + "' in the header " + String.join(",", header));
        }
        return header.length - 1;
    }

    private static double number(String s, String source, int line, String column) {
        String t = s.trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source + ":" + line + ": expected a number in " + column + ", found '" + t + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(source + ":" + line + ": non-finite value " + t + " in " + column
                    + "; expected a finite number");
        }
        return v;
    }

    private static int[] labelIds(String[] raw, String source) {
        int[] ids = new int[raw.length];
        boolean allInts = true;
        for (int i = 0; i < raw.length && allInts; i++) {
            try {
                ids[i] = Integer.parseInt(raw[i]);
            } catch (NumberFormatException e) {
                allInts = false;
            }
        }
        if (allInts) {
            return ids;
        }
        TreeMap<String, Integer> codes = new TreeMap<>();
        for (String r : raw) {
            codes.putIfAbsent(r, 0);
        }
        int k = 0;
        for (var e : codes.entrySet()) {
            e.setValue(k++);
        }
        for (int i = 0; i < raw.length; i++) {
            ids[i] = codes.get(raw[i]);
        }
        return ids;
    }
}
