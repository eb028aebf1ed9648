package org.metriclab.eval.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.knn.EmbeddingRows;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) so Python users can hand over
 * embeddings directly ({@code np.save("emb.npy", x)}).
 *
 * <ul>
 *   <li>Embeddings: dtype float32 ({@code f4}) or float64 ({@code f8}), little- or big-endian, C order
 *       ({@code fortran_order: False}), shape {@code (rows, dim)} with rows, dim ≥ 1. float32 values are widened
 *       exactly.</li>
 *   <li>Labels: a signed or unsigned integer dtype of 1–8 bytes, shape {@code (n,)} or {@code (n, 1)}, values
 *       within the int range.</li>
 * </ul>
 * Anything else (other dtypes such as {@code <f2}, {@code <c8}, object arrays; Fortran order; other ranks;
 * truncated or overlong data) raises a {@link DataFormatException} naming the file, what was found and what is
 * expected.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** The parsed header: dtype kind ('f', 'i', 'u'), item size in bytes, byte order and shape. */
    record Header(char kind, int itemSize, ByteOrder order, long[] shape, String descr) {
        /** The number of values, saturating at {@link Long#MAX_VALUE} for shapes whose product overflows. */
        long count() {
            long n = 1;
            for (long s : shape) {
                n = MemoryBudget.bytes(n, s);
            }
            return n;
        }

        String shapeText() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                b.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return b.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /** Reads a 2-D float32/float64 array as embeddings. */
    public static EmbeddingRows readEmbeddings(Path path) {
        return read(path, (in, h, src) -> {
            int[] rc = matrixShape(h, src);
            double[] values = readFloats(in, h, src);
            return EmbeddingRows.of(values, rc[0], rc[1], src);
        });
    }

    /** Reads a 2-D float32/float64 array as a matrix. */
    public static Matrix readMatrix(Path path) {
        return read(path, (in, h, src) -> {
            int[] rc = matrixShape(h, src);
            return Matrix.of(rc[0], rc[1], readFloats(in, h, src));
        });
    }

    /** Reads integer class labels of shape (n,) or (n, 1). */
    public static int[] readLabels(Path path) {
        return read(path, (in, h, src) -> {
            ByteBuffer buf = labelBody(in, h, src);
            int n = (int) h.count();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                long v = switch (h.itemSize()) {
                    case 1 -> h.kind() == 'u' ? buf.get() & 0xFF : buf.get();
                    case 2 -> h.kind() == 'u' ? buf.getShort() & 0xFFFF : buf.getShort();
                    case 4 -> h.kind() == 'u' ? buf.getInt() & 0xFFFFFFFFL : buf.getInt();
                    default -> buf.getLong();
                };
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || (h.kind() == 'u' && h.itemSize() == 8 && v < 0)) {
                    throw new DataFormatException(src + ": label " + i + " = " + Long.toUnsignedString(v) + " is outside the int range");
                }
                out[i] = (int) v;
            }
            return out;
        });
    }

    /**
     * Reads integer class labels of shape (n,) or (n, 1) as written, any 64-bit value (unsigned ones
     * included), for a {@link org.metriclab.core.data.ClassDictionary} that numbers them densely.
     */
    public static List<String> readLabelValues(Path path) {
        return read(path, (in, h, src) -> {
            ByteBuffer buf = labelBody(in, h, src);
            int n = buf.remaining() / h.itemSize();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(switch (h.itemSize()) {
                    case 1 -> Integer.toString(h.kind() == 'u' ? buf.get() & 0xFF : buf.get());
                    case 2 -> Integer.toString(h.kind() == 'u' ? buf.getShort() & 0xFFFF : buf.getShort());
                    case 4 -> Long.toString(h.kind() == 'u' ? buf.getInt() & 0xFFFFFFFFL : buf.getInt());
                    default -> h.kind() == 'u' ? Long.toUnsignedString(buf.getLong()) : Long.toString(buf.getLong());
                });
            }
            return out;
        });
    }

    private static ByteBuffer labelBody(InputStream in, Header h, String src) throws IOException {
        if (h.kind() != 'i' && h.kind() != 'u') {
            throw new DataFormatException(src + ": labels must have an integer dtype (e.g. '<i8'), found '" + h.descr() + "'");
        }
        if (!(h.shape().length == 1 || (h.shape().length == 2 && h.shape()[1] == 1))) {
            throw new DataFormatException(src + ": labels must have shape (n,) or (n, 1), found " + h.shapeText());
        }
        if (h.count() == 0) {
            throw new DataFormatException(src + ": no labels (shape " + h.shapeText() + "); expected one label per embedding row");
        }
        requireArraySize(h, src);
        return body(in, h, src);
    }

    private interface Body<T> {
        T read(InputStream in, Header header, String source) throws IOException;
    }

    private static <T> T read(Path path, Body<T> body) {
        String src = String.valueOf(path);
        if (Files.isDirectory(path)) {
            throw new DataFormatException(src + " is a directory; expected a .npy file");
        }
        if (!Files.exists(path)) {
            throw new DataFormatException(src + ": no such file; expected a .npy file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            Header h = header(in, src);
            T value = body.read(in, h, src);
            if (in.read() != -1) {
                throw new DataFormatException(src + ": extra bytes after the " + h.count() + " values of shape " + h.shapeText());
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src + ": " + e.getMessage(), e);
        }
    }

    /** Parses the magic string and header dictionary. */
    static Header header(InputStream raw, String src) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        try {
            in.readFully(magic);
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new DataFormatException(src + ": not a NumPy .npy file (missing the \\x93NUMPY magic string)");
                }
            }
            int major = in.readUnsignedByte();
            int minor = in.readUnsignedByte();
            long length;
            if (major == 1) {
                length = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
            } else if (major == 2 || major == 3) {
                length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new DataFormatException(src + ": unsupported .npy format version " + major + "." + minor + " (expected 1.0, 2.0 or 3.0)");
            }
            if (length > 1 << 20) {
                throw new DataFormatException(src + ": .npy header of " + length + " bytes is implausibly long");
            }
            byte[] text = new byte[(int) length];
            in.readFully(text);
            return parse(new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), src);
        } catch (EOFException e) {
            throw new DataFormatException(src + ": .npy header is truncated", e);
        }
    }

    private static Header parse(String dict, String src) {
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new DataFormatException(src + ": malformed .npy header (expected 'descr', 'fortran_order' and 'shape'): " + dict.trim());
        }
        String descr = d.group(1);
        if (f.group(1).equals("True")) {
            throw new DataFormatException(src + ": Fortran-order arrays are not supported; save a C-order array "
                    + "(np.save(path, np.ascontiguousarray(x)))");
        }
        if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0 || "fiu".indexOf(descr.charAt(1)) < 0) {
            throw new DataFormatException(src + ": unsupported dtype '" + descr + "' (expected float32 '<f4', float64 '<f8' or an integer dtype for labels)");
        }
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new DataFormatException(src + ": unsupported dtype '" + descr + "'", e);
        }
        char kind = descr.charAt(1);
        boolean ok = kind == 'f' ? size == 4 || size == 8 : size == 1 || size == 2 || size == 4 || size == 8;
        if (!ok) {
            throw new DataFormatException(src + ": unsupported dtype '" + descr + "' (expected float32 '<f4', float64 '<f8' or an integer dtype for labels)");
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String[] parts = s.group(1).split(",");
        List<Long> dims = new ArrayList<>();
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            long dim;
            try {
                dim = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new DataFormatException(src + ": malformed shape (" + s.group(1) + "); expected non-negative integers", e);
            }
            if (dim < 0) {
                throw new DataFormatException(src + ": negative dimension " + dim + " in shape (" + s.group(1) + "); a .npy shape has sizes >= 0");
            }
            dims.add(dim);
        }
        return new Header(kind, size, order, dims.stream().mapToLong(Long::longValue).toArray(), descr);
    }

    private static int[] matrixShape(Header h, String src) {
        if (h.kind() != 'f') {
            throw new DataFormatException(src + ": embeddings must be float32 ('<f4') or float64 ('<f8'), found '" + h.descr() + "'");
        }
        if (h.shape().length != 2) {
            throw new DataFormatException(src + ": embeddings must be a 2-D array (rows, dim), found shape " + h.shapeText());
        }
        if (h.shape()[0] < 1 || h.shape()[1] < 1) {
            throw new DataFormatException(src + ": embeddings must have at least one row and one column, found shape " + h.shapeText());
        }
        requireArraySize(h, src);
        return new int[] {(int) h.shape()[0], (int) h.shape()[1]};
    }

    /** Refuses a shape whose value count (saturated, never overflowed) exceeds what one Java array holds. */
    private static void requireArraySize(Header h, String src) {
        if (h.count() > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(src + ": shape " + h.shapeText() + " holds " + (h.count() == Long.MAX_VALUE ? "more than 2^63" : h.count())
                    + " values, more than one Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    private static ByteBuffer body(InputStream in, Header h, String src) throws IOException {
        long bytes = MemoryBudget.bytes(h.count(), h.itemSize());
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(src + ": shape " + h.shapeText() + " of '" + h.descr() + "' needs "
                    + MemoryBudget.gigabytes(bytes) + " of data, more than one read supports (2 GiB)");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length != bytes) {
            throw new DataFormatException(src + ": truncated data: expected " + bytes + " bytes for shape " + h.shapeText()
                    + " of '" + h.descr() + "', found " + data.length);
        }
        return ByteBuffer.wrap(data).order(h.order());
    }

    private static double[] readFloats(InputStream in, Header h, String src) throws IOException {
        ByteBuffer buf = body(in, h, src);
        double[] out = new double[(int) h.count()];
        if (h.itemSize() == 4) {
            for (int i = 0; i < out.length; i++) {
                out[i] = buf.getFloat();
            }
        } else {
            buf.asDoubleBuffer().get(out);
        }
        long dim = h.shape()[h.shape().length - 1];
        for (int i = 0; i < out.length; i++) {
            if (!(Math.abs(out[i]) <= CsvReader.MAX_MAGNITUDE)) {
                throw new DataFormatException(src + ": value " + out[i] + " at row " + i / dim + ", column " + i % dim + " is "
                        + (Double.isFinite(out[i]) ? "too large: magnitudes above 1e150 overflow a double when squared and summed; rescale the embeddings"
                        : "not finite; expected finite embeddings"));
            }
        }
        return out;
    }
}
