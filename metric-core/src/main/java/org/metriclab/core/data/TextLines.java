package org.metriclab.core.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The lines of a text input, read strictly.
 *
 * <ul>
 *   <li>Files must be UTF-8: an invalid byte is an error naming the line and the byte offset in the
 *       file, not a bare decoder message.</li>
 *   <li>A leading byte-order mark is dropped, so it never becomes part of the first header name.</li>
 *   <li>Every line keeps its 1-based number in the input, blank lines included, so messages point at
 *       the line an editor shows.</li>
 *   <li>A line longer than {@link #MAX_LINE_CHARS} is an error, so an input without line breaks (such
 *       as {@code /dev/zero}) fails with a message instead of exhausting the heap.</li>
 * </ul>
 */
final class TextLines implements Closeable {
    /** The longest line accepted, in bytes (files) or characters (readers): 16 Mi. */
    static final int MAX_LINE_CHARS = 1 << 24;
    private static final char BOM = '\uFEFF';

    /** One line without its terminator ({@code \n} or {@code \r\n}) and its 1-based number. */
    record Line(int number, String text) {
        boolean isBlank() {
            return text.isBlank();
        }
    }

    private final String source;
    private final InputStream bytes;
    private final BufferedReader chars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] buffer = new byte[256];
    private long offset;
    private int number;
    private boolean ended;

    private TextLines(String source, InputStream bytes, BufferedReader chars) {
        this.source = source;
        this.bytes = bytes;
        this.chars = chars;
    }

    /** The lines of a file; a missing file or a directory is an error naming the path. */
    static TextLines open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new DataFormatException(path + " is a directory; expected a file");
        }
        if (!Files.exists(path)) {
            throw new DataFormatException(path + ": no such file");
        }
        return new TextLines(path.toString(), Files.newInputStream(path), null);
    }

    /** The lines of already decoded text, e.g. a resource or a string in a test. */
    static TextLines of(Reader reader, String source) {
        return new TextLines(source, null, reader instanceof BufferedReader b ? b : new BufferedReader(reader));
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        String text = bytes != null ? nextFromBytes() : nextFromChars();
        if (text == null) {
            return null;
        }
        number++;
        if (number == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        return new Line(number, text);
    }

    private String nextFromChars() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = chars.read()) != -1 && c != '\n') {
            if (sb.length() >= MAX_LINE_CHARS) {
                throw tooLong();
            }
            sb.append((char) c);
        }
        if (c == -1) {
            ended = true;
            if (sb.length() == 0) {
                return null;
            }
        }
        return stripCr(sb.toString());
    }

    private String nextFromBytes() throws IOException {
        long start = offset;
        int n = 0;
        int b;
        while ((b = nextByte()) != -1) {
            offset++;
            if (b == '\n') {
                break;
            }
            if (n >= MAX_LINE_CHARS) {
                throw tooLong();
            }
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE_CHARS, 2 * n));
            }
            buffer[n++] = (byte) b;
        }
        if (b == -1) {
            ended = true;
            if (n == 0) {
                return null;
            }
        }
        return stripCr(decode(n, start));
    }

    /** The next byte of the file, or −1 at its end; reads the stream in chunks of 64 KiB. */
    private int nextByte() throws IOException {
        if (chunkPos == chunkEnd) {
            int r = bytes.read(chunk);
            if (r <= 0) {
                return -1;
            }
            chunkPos = 0;
            chunkEnd = r;
        }
        return chunk[chunkPos++] & 0xFF;
    }

    private String decode(int n, long start) {
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, n);
        CharBuffer out = CharBuffer.allocate(n);
        decoder.reset();
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new DataFormatException(source + ":" + (number + 1) + ": not UTF-8 text (byte 0x"
                    + String.format(Locale.ROOT, "%02x", buffer[at] & 0xFF) + " at byte offset " + (start + at)
                    + " of the file); save it as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    private DataFormatException tooLong() {
        return new DataFormatException(source + ":" + (number + 1) + ": line longer than " + MAX_LINE_CHARS
                + " characters; expected a text file with one row per line");
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        if (bytes != null) {
            bytes.close();
        } else {
            chars.close();
        }
    }
}
