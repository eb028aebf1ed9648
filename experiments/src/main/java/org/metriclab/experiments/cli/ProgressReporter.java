package org.metriclab.experiments.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.tuning.TuningProgress;

/**
 * A progress bar over a run's trials on stderr: redrawn in place on a terminal, one line per
 * completed trial otherwise (CI logs, pipes). Hyperparameter searches, which run before the trials, report
 * each validation fold in place on a terminal and each finished candidate as a line otherwise.
 */
final class ProgressReporter implements RunListener {
    private final Console io;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastPrinted = new AtomicLong(-1);
    private ProgressBar bar;

    ProgressReporter(Console io) {
        this.io = io;
    }

    @Override
    public synchronized void started(int total, int alreadyDone) {
        ProgressBarConsumer consumer = io.terminal() ? new ConsoleProgressBarConsumer(io.err())
                : new DelegatingProgressBarConsumer(line -> {
                    long now = done.get();
                    if (lastPrinted.getAndSet(now) != now) {
                        io.err().println(line.strip());
                    }
                }, 100);
        bar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(total).setConsumer(consumer)
                .setStyle(io.terminal() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(io.terminal() ? 200 : 60_000).build();
        done.set(alreadyDone);
        bar.stepTo(alreadyDone);
        if (alreadyDone > 0) {
            bar.setExtraMessage(alreadyDone + " resumed");
        }
    }

    @Override
    public synchronized void trialFinished(TrialKey trial, double seconds, Optional<String> failure) {
        done.incrementAndGet();
        bar.setExtraMessage(failure.isPresent() ? "FAILED " + trial : trial.toString());
        bar.step();
        bar.refresh();
    }

    @Override
    public synchronized void tuning(TuningProgress progress) {
        boolean candidateDone = progress.fold() == progress.folds();
        if (io.terminal()) {
            io.err().print("\r\033[2Ktuning " + progress.describe() + (candidateDone && lastOfRung(progress) ? "\n" : ""));
            io.err().flush();
        } else if (candidateDone) {
            io.err().println("tuning " + progress.describe());
        }
    }

    /** Whether the candidate closes its rung; with a time budget the end is unknown, so every candidate keeps its line. */
    private static boolean lastOfRung(TuningProgress p) {
        return p.candidates().isEmpty() || p.candidate() == p.candidates().getAsInt();
    }

    @Override
    public synchronized void finished() {
        if (bar != null) {
            bar.close();
        }
    }
}
