package org.metriclab.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.metriclab.core.linalg.Matrix;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (unsigned-byte tensors; gzipped or not, detected
 * from the magic bytes). Images are flattened row-major to one row per image, pixel values 0..255.
 */
public final class IdxReader {
    private static final int UBYTE = 0x08;

    private IdxReader() {
    }

    /** Images as an n × (rows·cols) matrix; {@code limit} ≤ 0 reads all. */
    public static Matrix readImages(Path path, int limit) {
        try (DataInputStream in = open(path)) {
            int dims = header(in, path, 3);
            if (dims != 3) {
                throw new DataFormatException(path + ": an IDX image file has 3 dimensions (n, rows, cols), found " + dims);
            }
            int n = in.readInt();
            int r = in.readInt();
            int c = in.readInt();
            int take = limit > 0 ? Math.min(limit, n) : n;
            int d = r * c;
            byte[] buf = new byte[d];
            double[] x = new double[take * d];
            for (int i = 0; i < take; i++) {
                in.readFully(buf);
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = buf[j] & 0xFF;
                }
            }
            return Matrix.of(take, d, x);
        } catch (EOFException e) {
            throw new DataFormatException(path + ": file ends early; expected as many images as its header declares", e);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Labels from an IDX1 file; {@code limit} ≤ 0 reads all. */
    public static Labels readLabels(Path path, int limit) {
        try (DataInputStream in = open(path)) {
            int dims = header(in, path, 1);
            if (dims != 1) {
                throw new DataFormatException(path + ": an IDX label file has 1 dimension, found " + dims);
            }
            int n = in.readInt();
            int take = limit > 0 ? Math.min(limit, n) : n;
            byte[] buf = new byte[take];
            in.readFully(buf);
            int[] ids = new int[take];
            for (int i = 0; i < take; i++) {
                ids[i] = buf[i] & 0xFF;
            }
            return Labels.of(ids);
        } catch (EOFException e) {
            throw new DataFormatException(path + ": file ends early; expected as many labels as its header declares", e);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A dataset from an image file and a label file of the same length. */
    public static Dataset readDataset(String name, Path images, Path labels, int limit) {
        Matrix x = readImages(images, limit);
        Labels y = readLabels(labels, limit);
        if (x.rows() != y.size()) {
            throw new DataFormatException(images + " has " + x.rows() + " images but " + labels + " has " + y.size() + " labels");
        }
        return new Dataset(name, x, y);
    }

    private static DataInputStream open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(path + ": no such file; expected an IDX file (optionally .gz)");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(path));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
        return new DataInputStream(in);
    }

    private static int header(DataInputStream in, Path path, int expectedDims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(path + ": empty or truncated file; expected an IDX header");
        }
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UBYTE) {
            throw new DataFormatException(String.format("%s: bad IDX magic number 0x%08x; expected 0x000008%02x (unsigned bytes, %d dimension(s))",
                    path, magic, expectedDims, expectedDims));
        }
        return magic & 0xFF;
    }
}
