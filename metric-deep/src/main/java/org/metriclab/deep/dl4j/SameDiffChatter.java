package org.metriclab.deep.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * SameDiff (1.0.0-M2.1) prints one "Added differentiated op …" line per graph op with
 * {@code System.out.println} while it builds a graph's gradient function, bypassing its logger, so no
 * logging configuration can silence it; in an experiment run those hundreds of lines bury the results.
 * SameDiff builds that function once per graph, on the first gradient request, or when asked
 * explicitly. {@link #createGradFunction} asks explicitly, and only for the duration of that one call
 * standard output drops exactly those lines and passes every other line through; the original stream
 * is restored afterwards, so nothing outside the call is affected.
 */
final class SameDiffChatter {
    private static final String PREFIX = "Added differentiated op";

    private SameDiffChatter() {
    }

    /** Builds {@code sd}'s gradient function without its per-op lines on standard output. */
    static void createGradFunction(SameDiff sd) {
        synchronized (SameDiffChatter.class) {
            PrintStream original = System.out;
            LineFilter filter = new LineFilter(original);
            PrintStream filtered = new PrintStream(filter, true, StandardCharsets.UTF_8);
            System.setOut(filtered);
            try {
                sd.createGradFunction();
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
