package org.metriclab.core.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.metriclab.core.linalg.Matrix;

/**
 * Reads comma-separated data strictly, with errors naming the source, line, column and expectation.
 *
 * <ul>
 *   <li>Input is UTF-8; a leading byte-order mark is dropped; line numbers count blank lines, which
 *       are otherwise skipped ({@link TextLines}).</li>
 *   <li>Header names are unique and non-empty; every row has exactly the header's column count.</li>
 *   <li>Numbers are plain decimals ({@code 12}, {@code -0.5}, {@code 1.5e-3}); forms only Java accepts
 *       ({@code 5.1d}, {@code 3.5f}, {@code 0x1p3}), {@code NaN} and {@code Infinity} are rejected, and
 *       so is any magnitude above {@link #MAX_MAGNITUDE}.</li>
 *   <li>Labels are integers of any size or class names, numbered densely by {@link ClassDictionary}.</li>
 * </ul>
 */
public final class CsvReader {
    /** The default label column name. */
    public static final String LABEL = "label";
    /**
     * The largest magnitude a value may have: 1e150. Its square is 1e300, so sums of squares over up
     * to 1e8 rows or features (variances, distances, Gram matrices) stay finite in a double.
     */
    public static final double MAX_MAGNITUDE = 1e150;

    private CsvReader() {
    }

    /** A labelled dataset from a CSV file with a header row. */
    public static Dataset readDataset(Path path, String labelColumn) {
        try (TextLines lines = TextLines.open(path)) {
            return dataset(lines, path.toString(), datasetName(path), labelColumn);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A labelled dataset from CSV text. The label column is {@code labelColumn} when given; otherwise
     * a column named "label" when there is one, else the last column.
     */
    public static Dataset readDataset(Reader reader, String source, String name, String labelColumn) {
        try (TextLines lines = TextLines.of(reader, source)) {
            return dataset(lines, source, name, labelColumn);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A CSV file with a header row: the numeric columns, and the column {@code labelColumn} as raw
     * labels when the header has it (it is optional here, e.g. for data to embed).
     */
    public static CsvTable readTable(Path path, String labelColumn) {
        try (TextLines lines = TextLines.open(path)) {
            return table(lines, path.toString(), h -> h.indexOf(labelColumn));
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Dataset dataset(TextLines lines, String source, String name, String labelColumn) {
        CsvTable t = table(lines, source, h -> {
            if (h.size() < 2) {
                throw new DataFormatException(source + ": header has " + h.size()
                        + " column(s); expected at least one feature column and the label column");
            }
            int at = h.indexOf(labelColumn != null ? labelColumn : LABEL);
            if (at < 0 && labelColumn != null) {
                throw new DataFormatException(source + ": no column named '" + labelColumn + "' in the header " + String.join(",", h.names()));
            }
            return at >= 0 ? at : h.size() - 1;
        });
        List<String> raw = t.labels().orElseThrow();
        return new Dataset(name, t.x(), ClassDictionary.of(raw).encode(raw));
    }

    /** Where the label column is in a header: its index, or −1 for none. */
    private interface LabelAt {
        int in(CsvHeader header);
    }

    private static CsvTable table(TextLines lines, String source, LabelAt labelAt) {
        try {
            TextLines.Line first = nextNonBlank(lines);
            if (first == null) {
                throw new DataFormatException(source + ": empty file; expected a header row and at least one data row");
            }
            CsvHeader header = CsvHeader.parse(first.text(), source, first.number());
            int at = labelAt.in(header);
            int d = header.size() - (at >= 0 ? 1 : 0);
            GrowingDoubles x = new GrowingDoubles();
            List<String> labels = new ArrayList<>();
            TextLines.Line line;
            while ((line = nextNonBlank(lines)) != null) {
                String[] row = line.text().split(",", -1);
                if (row.length != header.size()) {
                    throw new DataFormatException(source + ":" + line.number() + ": expected " + header.size()
                            + " comma-separated values (as in the header), found " + row.length);
                }
                for (int j = 0; j < row.length; j++) {
                    if (j == at) {
                        labels.add(label(row[j], source, line.number(), header.name(j)));
                    } else {
                        x.add(number(row[j], source, line.number(), "column '" + header.name(j) + "'"));
                    }
                }
            }
            int n = d == 0 ? labels.size() : x.size() / d;
            if (n == 0) {
                throw new DataFormatException(source + ": only a header row; expected at least one data row");
            }
            List<String> names = new ArrayList<>(header.names());
            if (at >= 0) {
                names.remove(at);
            }
            return new CsvTable(names, Matrix.of(n, d, x.toArray()), at >= 0 ? Optional.of(header.name(at)) : Optional.empty(),
                    at >= 0 ? Optional.of(labels) : Optional.empty());
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** A numeric matrix from a CSV file, with or without a header row (e.g. embeddings). */
    public static Matrix readMatrix(Path path, boolean header) {
        try (TextLines lines = TextLines.open(path)) {
            return matrix(lines, path.toString(), header);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static Matrix readMatrix(Reader reader, String source, boolean header) {
        try (TextLines lines = TextLines.of(reader, source)) {
            return matrix(lines, source, header);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static Matrix matrix(TextLines lines, String source, boolean header) throws IOException {
        if (header && nextNonBlank(lines) == null) {
            throw new DataFormatException(source + ": empty file; expected a header row and one row of comma-separated numbers per sample");
        }
        GrowingDoubles x = new GrowingDoubles();
        int d = -1;
        int n = 0;
        TextLines.Line line;
        while ((line = nextNonBlank(lines)) != null) {
            String[] row = line.text().split(",", -1);
            if (d < 0) {
                d = row.length;
            } else if (row.length != d) {
                throw new DataFormatException(source + ":" + line.number() + ": expected " + d + " values (as on the first row), found " + row.length);
            }
            for (int j = 0; j < d; j++) {
                x.add(number(row[j], source, line.number(), "column " + (j + 1)));
            }
            n++;
        }
        if (n == 0) {
            throw new DataFormatException(source + ": no data rows; expected one row of comma-separated numbers per sample");
        }
        return Matrix.of(n, d, x.toArray());
    }

    /**
     * Class labels, one per line, exactly one column, with or without a header; integers of any size
     * or class names, numbered by a {@link ClassDictionary} of this file alone.
     */
    public static Labels readLabels(Path path, boolean header) {
        List<String> raw = readLabelValues(path, header);
        return ClassDictionary.of(raw).encode(raw);
    }

    /**
     * Labels that are class indices, kept as written rather than renumbered: each a non-negative
     * integer within the int range. For labels that select rows of a per-class table (proxies or class
     * weights), where renumbering would pair a sample with the wrong row.
     */
    public static Labels readClassIndices(Path path, boolean header) {
        List<String> raw = labelValues(path, header, (value, source, line) -> {
            long v = -1;
            if (value.matches("\\+?[0-9]{1,10}")) {
                v = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new DataFormatException(source + ":" + line + ": label '" + value + "' is not a class index; expected an integer from 0 to "
                        + Integer.MAX_VALUE);
            }
        });
        return Labels.of(raw.stream().mapToInt(v -> Integer.parseInt(v.startsWith("+") ? v.substring(1) : v)).toArray());
    }

    /** A check of one label value at a line of a labels file; throws when the value is not acceptable. */
    private interface LabelCheck {
        void check(String value, String source, int line);
    }

    /** The raw values of a one-column labels file (see {@link #readLabels}), for a dictionary shared across files. */
    public static List<String> readLabelValues(Path path, boolean header) {
        return labelValues(path, header, (value, source, line) -> {
        });
    }

    private static List<String> labelValues(Path path, boolean header, LabelCheck check) {
        String source = path.toString();
        try (TextLines lines = TextLines.open(path)) {
            if (header && nextNonBlank(lines) == null) {
                throw new DataFormatException(source + ": empty file; expected a header row and one label per line");
            }
            List<String> out = new ArrayList<>();
            TextLines.Line line;
            while ((line = nextNonBlank(lines)) != null) {
                String[] row = line.text().split(",", -1);
                if (row.length != 1) {
                    throw new DataFormatException(source + ":" + line.number() + ": expected exactly one value (the label), found "
                            + row.length + " comma-separated values; a labels file has one label per line");
                }
                String value = label(row[0], source, line.number(), "the label");
                check.check(value, source, line.number());
                out.add(value);
            }
            if (out.isEmpty()) {
                throw new DataFormatException(source + ": no labels; expected one label per line");
            }
            return out;
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** A split from a one-column CSV file with header {@code is_test} and 0/1 per row. */
    public static Split readSplit(Path path, int expectedRows) {
        try (TextLines lines = TextLines.open(path)) {
            return split(lines, path.toString(), expectedRows);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A split from one-column CSV text with header {@code is_test} and 0/1 per row. */
    public static Split readSplit(Reader reader, String source, int expectedRows) {
        try (TextLines lines = TextLines.of(reader, source)) {
            return split(lines, source, expectedRows);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static Split split(TextLines lines, String source, int expectedRows) throws IOException {
        TextLines.Line head = nextNonBlank(lines);
        if (head == null || !head.text().trim().equals("is_test")) {
            throw new DataFormatException(source + ": expected a header 'is_test' and one 0/1 value per data row");
        }
        boolean[] isTest = new boolean[expectedRows];
        int i = 0;
        TextLines.Line line;
        while ((line = nextNonBlank(lines)) != null) {
            String v = line.text().trim();
            if (!v.equals("0") && !v.equals("1")) {
                throw new DataFormatException(source + ":" + line.number() + ": expected 0 or 1, found '" + v + "'");
            }
            if (i < expectedRows) {
                isTest[i] = v.equals("1");
            }
            i++;
        }
        if (i != expectedRows) {
            throw new DataFormatException(source + ": " + i + " split rows for a dataset of " + expectedRows + " rows");
        }
        return Split.fromTestFlags(isTest);
    }

    /** The header of a CSV file (its first non-blank line): names trimmed, unique, BOM removed. */
    public static Optional<String[]> header(Path path) {
        try (TextLines lines = TextLines.open(path)) {
            TextLines.Line first = nextNonBlank(lines);
            return first == null ? Optional.empty()
                    : Optional.of(CsvHeader.parse(first.text(), path.toString(), first.number()).names().toArray(String[]::new));
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static String datasetName(Path path) {
        String f = path.getFileName().toString();
        return f.endsWith(".csv") ? f.substring(0, f.length() - 4) : f;
    }

    private static TextLines.Line nextNonBlank(TextLines lines) throws IOException {
        TextLines.Line l;
        while ((l = lines.next()) != null && l.isBlank()) {
            // blank lines carry no row; their numbers still count
        }
        return l;
    }

    private static String label(String cell, String source, int line, String column) {
        String t = cell.trim();
        if (t.isEmpty()) {
            throw new DataFormatException(source + ":" + line + ": empty label in " + (column.startsWith("the ") ? column : "column '" + column + "'"));
        }
        return t;
    }

    /** A strict decimal number within ±{@link #MAX_MAGNITUDE}. */
    private static double number(String s, String source, int line, String column) {
        String t = s.trim();
        if (!isDecimal(t)) {
            String lower = t.toLowerCase(Locale.ROOT);
            boolean nonFinite = lower.matches("[+-]?(nan|inf|infinity)");
            throw new DataFormatException(source + ":" + line + ": " + (nonFinite ? "non-finite value '" + t + "'" : "expected a number")
                    + " in " + column + (nonFinite ? "; expected a finite decimal number" : ", found '" + t + "' (plain decimals such as 3, -0.5 or 1.5e-3)"));
        }
        double v = Double.parseDouble(t);
        if (!(Math.abs(v) <= MAX_MAGNITUDE)) {
            throw new DataFormatException(source + ":" + line + ": value " + t + " in " + column + " is too large: magnitudes above 1e150 "
                    + "overflow a double when squared and summed; rescale the column (e.g. divide it by a power of ten)");
        }
        return v;
    }

    /**
     * Whether {@code t} is a plain decimal: an optional sign, digits with at most one point (at least
     * one digit in all), and an optional exponent {@code e}/{@code E} with an optional sign and digits.
     * Hand-written rather than a regular expression because it runs once per cell.
     */
    static boolean isDecimal(String t) {
        int n = t.length();
        int i = n > 0 && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        int digits = 0;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
