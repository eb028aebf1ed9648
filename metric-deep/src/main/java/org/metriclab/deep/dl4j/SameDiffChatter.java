package org.metriclab.deep.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * SameDiff (1.0.0-M2.1) prints one "Added differentiated op …" line per graph op on standard output
 * the first time it builds a gradient function, bypassing its logger; in an experiment run those
 * hundreds of lines bury the results. This installs, once, a standard output that drops exactly those
 * lines and passes everything else through unchanged.
 */
final class SameDiffChatter {
    private static final String PREFIX = "Added differentiated op";
    private static boolean installed;

    private SameDiffChatter() {
    }

    static synchronized void silence() {
        if (!installed) {
            System.setOut(new PrintStream(new LineFilter(System.out), true, StandardCharsets.UTF_8));
            installed = true;
        }
    }

    private static final class LineFilter extends OutputStream {
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
            if (line.size() > 0 && !PREFIX.startsWith(line.toString(StandardCharsets.UTF_8))
                    && !line.toString(StandardCharsets.UTF_8).startsWith(PREFIX)) {
                target.print(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
            target.flush();
        }
    }
}
