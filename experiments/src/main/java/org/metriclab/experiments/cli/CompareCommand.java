package org.metriclab.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.metriclab.experiments.results.RunComparison;
import org.metriclab.experiments.results.TrialKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metriclab compare RUN_A RUN_B [--measure M]}: what changed between two results directories, as Markdown. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = SuiteVersion.class,
        description = "Show what changed from RUN_A to RUN_B: config keys, "
        + "trials added or missing, and each cell's mean difference (B − A).")
final class CompareCommand implements Callable<Integer> {
    private static final int LIST_LIMIT = 20;
    private final Console io;

    @Parameters(index = "0", paramLabel = "RUN_A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B")
    Path b;

    @Option(names = "--measure", paramLabel = "M", description = "only this measure (default: every measure of either run)")
    String measure;

    CompareCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        ResultsDir ra = ResultsDir.read(a);
        ResultsDir rb = ResultsDir.read(b);
        RunComparison c = RunComparison.of(a, ra.rows(), b, rb.rows());
        if (measure != null && !c.measures().containsKey(measure)) {
            throw new IllegalArgumentException("--measure '" + measure + "' is in neither run; they have: " + String.join(", ", c.measures().keySet()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Comparison\n\nA: ").append(a).append("\nB: ").append(b).append("\n\n## Config\n\n");
        if (c.configChanges().isEmpty()) {
            sb.append("No changes in config.resolved.yaml.\n");
        }
        c.configChanges().forEach(s -> sb.append("- ").append(s).append('\n'));
        sb.append("\n## Trials\n\n");
        trials(sb, "only in A (missing from B)", c.onlyInA());
        trials(sb, "only in B (added)", c.onlyInB());
        c.measures().forEach((m, d) -> {
            if (measure != null && !measure.equals(m)) {
                return;
            }
            sb.append("\n## ").append(m).append(" (B − A)\n\n| ").append(d.b().rowAxis());
            d.columns().forEach(col -> sb.append(" | ").append(col.replace("|", "\\|")));
            sb.append(" |\n|").append("---|".repeat(d.columns().size() + 1)).append('\n');
            for (String r : d.rows()) {
                sb.append("| ").append(r.replace("|", "\\|"));
                d.columns().forEach(col -> sb.append(" | ").append(RunComparison.cellChange(d, r, col)));
                sb.append(" |\n");
            }
        });
        io.out().print(sb);
        return 0;
    }

    private static void trials(StringBuilder sb, String what, List<TrialKey> keys) {
        sb.append("- ").append(keys.size()).append(" trial").append(keys.size() == 1 ? "" : "s").append(' ').append(what);
        if (!keys.isEmpty()) {
            sb.append(": ");
            sb.append(String.join("; ", keys.stream().limit(LIST_LIMIT).map(TrialKey::toString).toList()));
            if (keys.size() > LIST_LIMIT) {
                sb.append("; … (").append(keys.size() - LIST_LIMIT).append(" more)");
            }
        }
        sb.append('\n');
    }
}
