package org.metriclab.experiments.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metriclab.core.learn.Progress;

/**
 * The live progress of one {@code metriclab fit} on stderr: a bar over the learner's iterations (batches
 * for deep learners) with the current objective (loss) and, from learners that report epochs, the last
 * epoch's mean loss, training throughput (samples/s) and validation MAP@R. Redrawn in place on a
 * terminal, a line every few seconds otherwise; absent unless asked for or on a terminal. Warnings are
 * printed whether or not the bar is shown.
 */
final class FitProgress implements Progress, AutoCloseable {
    private final Console io;
    private final ProgressBar bar;
    private String epoch = "";
    private double epochLoss = Double.NaN;
    private double samplesPerSecond = Double.NaN;
    private double validation = Double.NaN;

    private FitProgress(Console io, ProgressBar bar) {
        this.io = io;
        this.bar = bar;
    }

    /** A bar when {@code wanted} is true, or when it is null and stderr is a terminal; otherwise warnings only. */
    static FitProgress open(Console io, String learner, Boolean wanted) {
        boolean show = wanted != null ? wanted : io.terminal();
        if (!show) {
            return new FitProgress(io, null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("fit " + learner).setInitialMax(-1)
                .setConsumer(io.terminal() ? new ConsoleProgressBarConsumer(io.err())
                        : new DelegatingProgressBarConsumer(line -> io.err().println(line.strip()), 160))
                .setStyle(io.terminal() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(io.terminal() ? 200 : 5_000).setUnit(" it", 1).build();
        return new FitProgress(io, bar);
    }

    @Override
    public synchronized void iteration(int iteration, double objective) {
        if (bar != null) {
            bar.stepTo(iteration);
            bar.setExtraMessage(String.format(Locale.ROOT, "objective %.4g%s", objective, epoch));
        }
    }

    @Override
    public synchronized void measure(String name, int step, double value) {
        switch (name) {
            case EPOCH_LOSS -> epochLoss = value;
            case SAMPLES_PER_SECOND -> samplesPerSecond = value;
            case VALIDATION_MAP_AT_R -> validation = value;
            default -> {
                return;
            }
        }
        epoch = describeEpoch(step, epochLoss, samplesPerSecond, validation);
        if (bar != null) {
            bar.setExtraMessage(epoch.strip());
        }
    }

    /** " | epoch 3: loss 0.0914, 12480 samples/s, val MAP@R 0.712" from what is known so far. */
    static String describeEpoch(int step, double loss, double samplesPerSecond, double validation) {
        StringBuilder b = new StringBuilder(" | epoch ").append(step).append(':');
        if (!Double.isNaN(loss)) {
            b.append(String.format(Locale.ROOT, " loss %.4g", loss));
        }
        if (!Double.isNaN(samplesPerSecond)) {
            b.append(String.format(Locale.ROOT, ", %.0f samples/s", samplesPerSecond));
        }
        if (!Double.isNaN(validation)) {
            b.append(String.format(Locale.ROOT, ", val MAP@R %.3f", validation));
        }
        return b.toString();
    }

    @Override
    public void warn(String message) {
        io.err().println("metriclab: warning: " + message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
