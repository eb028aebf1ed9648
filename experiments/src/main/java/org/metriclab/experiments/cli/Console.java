package org.metriclab.experiments.cli;

import java.io.PrintStream;

/** Where commands write: results to {@code out}, progress and diagnostics to {@code err}. */
record Console(PrintStream out, PrintStream err, boolean terminal) {
}
