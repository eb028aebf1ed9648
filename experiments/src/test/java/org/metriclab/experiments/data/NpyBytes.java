package org.metriclab.experiments.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The bytes of NumPy version-1.0 {@code .npy} files as NumPy writes them, for tests. */
public final class NpyBytes {
    private NpyBytes() {
    }

    /** A C-order array with this dtype ({@code descr}, e.g. {@code <f4}) and shape (e.g. {@code (3, 2)}). */
    public static byte[] of(String descr, String shape, byte[] body) {
        return of("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", body);
    }

    /** A file with this header dictionary, padded so the data starts at a multiple of 64 bytes, and this body. */
    public static byte[] of(String dict, byte[] body) {
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
