package org.metriclab.deep.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import org.metriclab.deep.loss.MemoryState;

/**
 * The checkpoint part holding a loss's cross-batch memory: a presence flag, then (when present) a
 * magic number, the part's format version, the payload length, the payload (capacity, width, write
 * position, fill count, the filled rows as float64 and their class indices) and the payload's CRC-32.
 * Embeddings are stored at full float64 precision, so a resumed run sees bit-identical memory rows.
 * Every inconsistency on reading is an {@link IllegalArgumentException} naming the checkpoint file and
 * the way out.
 */
final class MemoryPart {
    static final int MAGIC = 0x58424D4D; // "XBMM"
    static final int VERSION = 1;

    private MemoryPart() {
    }

    static void write(DataOutputStream out, Optional<MemoryState> memory) throws IOException {
        out.writeBoolean(memory.isPresent());
        if (memory.isEmpty()) {
            return;
        }
        MemoryState s = memory.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream p = new DataOutputStream(bytes)) {
            p.writeInt(s.memorySize());
            p.writeInt(s.dim());
            p.writeInt(s.next());
            p.writeInt(s.fill());
            for (double v : s.rows()) {
                p.writeDouble(v);
            }
            for (int y : s.labels()) {
                p.writeInt(y);
            }
        }
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeLong(crc.getValue());
    }

    /**
     * Reads the memory part that follows the optimiser state; a checkpoint that ends before it (written
     * without one) reads as no memory.
     */
    static Optional<MemoryState> read(DataInputStream in, Path file) throws IOException {
        if (in.available() == 0 || !in.readBoolean()) {
            return Optional.empty();
        }
        String damaged = "checkpoint " + file + ": the cross-batch memory part is damaged (";
        String wayOut = "); delete the checkpoint or set resume: false to start afresh";
        if (in.available() < 3 * Integer.BYTES || in.readInt() != MAGIC) {
            throw new IllegalArgumentException(damaged + "no memory header" + wayOut);
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("checkpoint " + file + " stores its cross-batch memory in format version " + version
                    + ", this build reads version " + VERSION + "; resume with the build that wrote it, delete the checkpoint or set resume: false");
        }
        int length = in.readInt();
        if (length < 4 * Integer.BYTES || length > in.available() - Long.BYTES) {
            throw new IllegalArgumentException(damaged + "declares " + length + " bytes, the file holds " + Math.max(0, in.available() - Long.BYTES)
                    + wayOut);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        CRC32 crc = new CRC32();
        crc.update(payload);
        if (in.readLong() != crc.getValue()) {
            throw new IllegalArgumentException(damaged + "checksum mismatch" + wayOut);
        }
        DataInputStream p = new DataInputStream(new ByteArrayInputStream(payload));
        int size = p.readInt();
        int dim = p.readInt();
        int next = p.readInt();
        int fill = p.readInt();
        long expected = 4L * Integer.BYTES + (long) fill * dim * Double.BYTES + (long) fill * Integer.BYTES;
        if (fill < 0 || dim < 0 || expected != length) {
            throw new IllegalArgumentException(damaged + fill + " rows of width " + dim + " do not match its " + length + " bytes" + wayOut);
        }
        double[] rows = new double[fill * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = p.readDouble();
        }
        int[] labels = new int[fill];
        for (int i = 0; i < fill; i++) {
            labels[i] = p.readInt();
        }
        try {
            return Optional.of(new MemoryState(size, dim, next, fill, rows, labels));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(damaged + ex.getMessage() + wayOut, ex);
        }
    }
}
