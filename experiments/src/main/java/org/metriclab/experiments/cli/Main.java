package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.resource.InsufficientMemoryException;
import org.metriclab.core.resource.MemoryBudget;
import picocli.CommandLine;

/**
 * The {@code metriclab} command line. The only place that exits the JVM or prints stack traces, and
 * the latter only for bugs: bad input (an invalid config, a malformed file, an unknown name) ends
 * with a one-line reason on stderr and a non-zero exit code.
 *
 * <p>Exit codes: 0 success; 1 bad input or failed trials; 2 bad command line; 70 internal error.
 */
public final class Main {
    public static final int BAD_INPUT = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.console() != null));
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        Console io = new Console(out, err, terminal);
        CommandLine cl = new CommandLine(new MetriclabCommand())
                .addSubcommand("run", new RunCommand(io, Clock.systemUTC()))
                .addSubcommand("fit", new FitCommand(io))
                .addSubcommand("transform", new TransformCommand(io))
                .addSubcommand("evaluate", new EvaluateCommand(io))
                .addSubcommand("list", new ListCommand(io))
                .addSubcommand("table", new TableCommand(io))
                .addSubcommand("compare", new CompareCommand(io))
                .addSubcommand("report", new ReportCommand(io))
                .addSubcommand("figure", new FigureCommand(io))
                .addSubcommand("loss", new LossCommand(io))
                .addSubcommand("fewshot", new FewShotCommand(io))
                .addSubcommand("crossmodal", new CrossModalCommand(io))
                .addSubcommand("index", IndexCommand.commandLine(io))
                .addSubcommand("predict", new PredictCommand(io))
                .addSubcommand("identify", new IdentifyCommand(io))
                .addSubcommand("verify", new VerifyCommand(io));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            err.println("metriclab: " + oneLine(ex.getMessage()) + " (see: " + (cmd.equals("metriclab") ? "" : "metriclab ") + cmd + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException || ex instanceof IOException
                    || ex instanceof FitException || ex instanceof InsufficientMemoryException) {
                err.println("metriclab: error: " + reason(ex));
                return BAD_INPUT;
            }
            err.println("metriclab: internal error (please report): " + ex);
            ex.printStackTrace(err);
            return INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("metriclab: error: ran out of memory (heap " + MemoryBudget.gigabytes(MemoryBudget.heapLimit())
                    + "); use smaller inputs or settings, or raise the heap, e.g. JAVA_OPTS=-Xmx16g");
            return BAD_INPUT;
        }
    }

    private static String reason(Exception ex) {
        if (ex instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        String m = ex.getMessage();
        return oneLine(m == null || m.isBlank() ? ex.getClass().getSimpleName() : m);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
