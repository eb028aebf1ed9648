package org.metriclab.experiments.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the queries of one evaluation, on stderr: redrawn in place on a terminal, a line
 * every few seconds otherwise; absent unless asked for or on a terminal. Thread-safe ({@link #step}
 * is called from the evaluator's worker threads).
 */
final class QueryProgress implements AutoCloseable {
    private final ProgressBar bar;

    private QueryProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when {@code wanted} is true, or when it is null and stderr is a terminal; otherwise a no-op. */
    static QueryProgress open(Console io, int queries, Boolean wanted) {
        boolean show = wanted != null ? wanted : io.terminal();
        if (!show) {
            return new QueryProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("queries").setInitialMax(queries)
                .setConsumer(io.terminal() ? new ConsoleProgressBarConsumer(io.err())
                        : new DelegatingProgressBarConsumer(line -> io.err().println(line.strip()), 100))
                .setStyle(io.terminal() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(io.terminal() ? 200 : 5_000).build();
        return new QueryProgress(bar);
    }

    void step(int queriesDone) {
        if (bar != null) {
            bar.stepBy(queriesDone);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
