package org.metriclab.eval.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.resource.MemoryBudget;

/**
 * A 2-D float32/float64 {@code .npy} file (C order, either byte order) read through memory mapping, one
 * row at a time, so data sets larger than the heap feed the stochastic learners: the operating system
 * pages the rows in and out, the heap holds only what a batch gathers. The header is parsed by
 * {@link NpyReader}'s strict parser (same dtypes, shapes and messages); the body must be exactly
 * rows·dim values. The file is mapped in chunks of whole rows of at most 1 GiB each (a Java mapping
 * holds at most 2 GiB). Values are checked when read: a non-finite value fails with its row and column.
 * Safe for concurrent reads.
 */
public final class MappedNpy implements RowSource {
    private static final long CHUNK_BYTES = 1L << 30;
    private final String source;
    private final int rows;
    private final int dim;
    private final int itemSize;
    private final int rowsPerChunk;
    private final MappedByteBuffer[] chunks;

    private MappedNpy(String source, int rows, int dim, int itemSize, int rowsPerChunk, MappedByteBuffer[] chunks) {
        this.source = source;
        this.rows = rows;
        this.dim = dim;
        this.itemSize = itemSize;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
    }

    /** Maps {@code path}; fails with a one-line {@link DataFormatException} on anything NpyReader would refuse. */
    public static MappedNpy open(Path path) {
        String src = String.valueOf(path);
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(src + ": no such file; expected a .npy file");
        }
        try (Counting in = new Counting(Files.newInputStream(path)); FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            NpyReader.Header h = NpyReader.header(in, src);
            if (h.kind() != 'f') {
                throw new DataFormatException(src + ": embeddings must be float32 ('<f4') or float64 ('<f8'), found '" + h.descr() + "'");
            }
            if (h.shape().length != 2 || h.shape()[0] < 1 || h.shape()[1] < 1) {
                throw new DataFormatException(src + ": features must be a 2-D array (rows, dim) with rows, dim >= 1, found shape " + h.shapeText());
            }
            if (h.shape()[0] > Integer.MAX_VALUE - 8 || h.shape()[1] > (1 << 20)) {
                throw new DataFormatException(src + ": shape " + h.shapeText() + " is too large (at most " + (Integer.MAX_VALUE - 8)
                        + " rows and " + (1 << 20) + " columns)");
            }
            int n = (int) h.shape()[0];
            int d = (int) h.shape()[1];
            long body = MemoryBudget.bytes(h.count(), h.itemSize());
            long offset = in.count;
            if (ch.size() - offset != body) {
                throw new DataFormatException(src + ": " + (ch.size() - offset < body ? "truncated data" : "extra bytes after the data")
                        + ": expected " + body + " bytes for shape " + h.shapeText() + " of '" + h.descr() + "', found " + (ch.size() - offset));
            }
            long rowBytes = (long) d * h.itemSize();
            int perChunk = (int) Math.max(1, CHUNK_BYTES / rowBytes);
            MappedByteBuffer[] chunks = new MappedByteBuffer[(n + perChunk - 1) / perChunk];
            for (int c = 0; c < chunks.length; c++) {
                long start = offset + (long) c * perChunk * rowBytes;
                long size = Math.min((long) perChunk, n - (long) c * perChunk) * rowBytes;
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, start, size);
                chunks[c].order(h.order());
            }
            return new MappedNpy(src, n, d, h.itemSize(), perChunk, chunks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a labels array of {@code labels} entries (read from {@code labelsSource}) matches the
     * rows: one label per row, else a one-line error naming both files and shapes.
     */
    public void requireLabels(int labels, String labelsSource) {
        if (labels != rows) {
            throw new DataFormatException(source + " has " + rows + " rows (shape (" + rows + ", " + dim + ")) but " + labelsSource
                    + " has " + labels + " labels; the labels file must hold one label per row (shape (" + rows + ",))");
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void copyRow(int i, double[] target, int offset) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        MappedByteBuffer b = chunks[i / rowsPerChunk];
        int base = (i % rowsPerChunk) * dim * itemSize;
        for (int k = 0; k < dim; k++) {
            double v = itemSize == 4 ? b.getFloat(base + k * 4) : b.getDouble(base + k * 8);
            if (!(Math.abs(v) <= CsvReader.MAX_MAGNITUDE)) {
                throw new DataFormatException(source + ": value " + v + " at row " + i + ", column " + k + " is "
                        + (Double.isFinite(v) ? "too large (magnitudes above 1e150 overflow squared distances); rescale the features"
                        : "not finite; expected finite features"));
            }
            target[offset + k] = v;
        }
    }


    /** Counts the bytes the header parser consumed, which is where the data starts. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int r = super.read(buf, off, len);
            count += Math.max(0, r);
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
