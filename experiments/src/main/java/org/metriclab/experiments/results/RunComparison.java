package org.metriclab.experiments.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.metriclab.experiments.jackson.Trees;

/**
 * What changed from run A to run B (two results directories): the resolved configs compared key by key
 * (flattened to paths such as {@code learners[1].params.k}), the trials only one of them has (sorted by dataset,
 * label, seed and split), and per
 * measure the change of each cell's mean (B − A) on B's layout. Built from the files alone.
 */
public record RunComparison(List<String> configChanges, List<TrialKey> onlyInA, List<TrialKey> onlyInB,
        Map<String, Delta> measures) {

    /** One measure's cells of A and B; a cell in only one run has a null side. */
    public record Delta(ResultTable a, ResultTable b) {
        public List<String> rows() {
            Set<String> s = new LinkedHashSet<>(b.rows());
            s.addAll(a.rows());
            return new ArrayList<>(s);
        }

        public List<String> columns() {
            Set<String> s = new LinkedHashSet<>(b.columns());
            s.addAll(a.columns());
            return new ArrayList<>(s);
        }
    }

    public static RunComparison of(Path dirA, List<ResultRow> rowsA, Path dirB, List<ResultRow> rowsB) {
        Tables layoutB = Tables.read(dirB, rowsB);
        Tables layoutA = Tables.read(dirA, rowsA);
        Map<String, String> ca = flatten(dirA);
        Map<String, String> cb = flatten(dirB);
        List<String> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(ca.keySet());
        keys.addAll(cb.keySet());
        for (String k : keys) {
            String va = ca.get(k);
            String vb = cb.get(k);
            if (va == null) {
                changes.add("added " + k + " = " + vb);
            } else if (vb == null) {
                changes.add("removed " + k + " (was " + va + ")");
            } else if (!va.equals(vb)) {
                changes.add(k + ": " + va + " → " + vb);
            }
        }
        Set<TrialKey> ta = new LinkedHashSet<>();
        rowsA.forEach(r -> ta.add(r.key()));
        Set<TrialKey> tb = new LinkedHashSet<>();
        rowsB.forEach(r -> tb.add(r.key()));
        Comparator<TrialKey> order = Comparator.comparing(TrialKey::dataset).thenComparing(TrialKey::label)
                .thenComparingLong(TrialKey::seed).thenComparingInt(TrialKey::split);
        List<TrialKey> onlyA = ta.stream().filter(k -> !tb.contains(k)).sorted(order).toList();
        List<TrialKey> onlyB = tb.stream().filter(k -> !ta.contains(k)).sorted(order).toList();
        Set<String> ms = new LinkedHashSet<>(layoutB.measures());
        ms.addAll(layoutA.measures());
        Map<String, Delta> deltas = new LinkedHashMap<>();
        Tables common = new Tables(new ArrayList<>(ms), layoutB.rowAxis(), layoutB.columnAxis(), layoutB.datasets(), layoutB.learners());
        for (String m : ms) {
            deltas.put(m, new Delta(common.pivot(rowsA, m), common.pivot(rowsB, m)));
        }
        return new RunComparison(changes, onlyA, onlyB, deltas);
    }

    /** The cell text of one (row, column): "+0.012 (0.950 → 0.962)", "only in A (0.950)", "only in B (…)" or "—". */
    public static String cellChange(Delta d, String row, String column) {
        ResultTable.Cell a = d.a().cell(row, column);
        ResultTable.Cell b = d.b().cell(row, column);
        if (a == null && b == null) {
            return "—";
        }
        if (a == null) {
            return "only in B (" + num(b.mean()) + ")";
        }
        if (b == null) {
            return "only in A (" + num(a.mean()) + ")";
        }
        return String.format(Locale.ROOT, "%+.3f", b.mean() - a.mean()) + " (" + num(a.mean()) + " → " + num(b.mean()) + ")";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** config.resolved.yaml as path → value; empty when the directory has none. */
    static Map<String, String> flatten(Path dir) {
        Path cfg = dir.resolve(Tables.RESOLVED_CONFIG);
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.isRegularFile(cfg)) {
            flatten("", Trees.readYaml(cfg), out);
        }
        return out;
    }

    private static void flatten(String path, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
            if (l.isEmpty()) {
                out.put(path, "[]");
            }
        } else {
            out.put(path, Objects.toString(node));
        }
    }
}
