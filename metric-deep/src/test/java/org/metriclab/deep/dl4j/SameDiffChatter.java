package org.metriclab.deep.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * For the tests' SameDiff reference networks: SameDiff (1.0.0-M2.1) prints one "Added differentiated
 * op …" line per graph op with {@code System.out.println} while it builds a graph's gradient function,
 * bypassing its logger. {@link #quietly} runs a block with a standard output that drops exactly those
 * lines and passes every other line through, and restores the original stream afterwards.
 */
final class SameDiffChatter {
    private static final String PREFIX = "Added differentiated op";

    private SameDiffChatter() {
    }

    /** Runs {@code block} without SameDiff's per-op lines on standard output and returns its result. */
    static <T> T quietly(Supplier<T> block) {
        synchronized (SameDiffChatter.class) {
            PrintStream original = System.out;
            LineFilter filter = new LineFilter(original);
            PrintStream filtered = new PrintStream(filter, true, StandardCharsets.UTF_8);
            System.setOut(filtered);
            try {
                return block.get();
            } finally {
                filtered.flush();
                filter.drain();
                System.setOut(original);
            }
        }
    }

    /** Passes whole lines to the target unless they start with {@link #PREFIX}. */
    static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                if (!s.startsWith(PREFIX)) {
                    target.print(s);
                }
                line.reset();
            }
        }

        @Override
        public synchronized void flush() {
            String pending = line.toString(StandardCharsets.UTF_8);
            if (!pending.isEmpty() && !pending.startsWith(PREFIX) && !PREFIX.startsWith(pending)) {
                target.print(pending);
                line.reset();
            }
            target.flush();
        }

        /** Passes an unterminated last line through unless it is chatter. */
        synchronized void drain() {
            String pending = line.toString(StandardCharsets.UTF_8);
            if (!pending.startsWith(PREFIX)) {
                target.print(pending);
            }
            line.reset();
            target.flush();
        }
    }
}
