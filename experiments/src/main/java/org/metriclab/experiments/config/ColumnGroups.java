package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.metriclab.core.data.ColumnGroup;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Views;
import org.metriclab.core.linalg.Matrix;

/**
 * A dataset entry's column groups, in the columns of the file as loaded: {@code views} (each an inclusive
 * range {@code [a, b]} or a list of such ranges) partition the feature columns for multi-view learners;
 * {@code privileged} ranges are columns known at training time only. Privileged columns are taken out of
 * the features every learner sees and handed to the learners as the dataset's privileged part, so
 * transforms and test data never need them. Structure (ranges, overlaps) is checked when the config is
 * bound; the column count when the data is loaded ({@link #apply}). An entry may also load a named dataset
 * under a name of its own ({@code {name: wine_privileged, source: wine, privileged: [[9, 12]]}}), so the same
 * data can appear with and without column groups in one config.
 *
 * @param views      the views, named view0, view1, … in config order; empty when none are declared
 * @param privileged the privileged columns, ascending; empty when none are declared
 */
public record ColumnGroups(List<ColumnGroup> views, Optional<ColumnGroup> privileged) {
    static final String VIEWS = "views";
    static final String PRIVILEGED = "privileged";
    static final String SOURCE = "source";
    /** Largest column index a range may name (far beyond any dense feature matrix this project loads). */
    static final int MAX_COLUMN = 1 << 24;

    public ColumnGroups {
        views = List.copyOf(views);
    }

    public boolean isEmpty() {
        return views.isEmpty() && privileged.isEmpty();
    }

    /** The groups declared by a dataset entry (a mapping, or a bare name: none). */
    static ColumnGroups bind(Node item) {
        if (!item.isMap()) {
            return new ColumnGroups(List.of(), Optional.empty());
        }
        List<ColumnGroup> views = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (item.has(VIEWS)) {
            List<Node> list = item.get(VIEWS).list();
            if (list.size() < 2) {
                throw item.get(VIEWS).fail("declare at least two views (e.g. views: [[0, 31], [32, 63]]), found " + list.size());
            }
            for (int v = 0; v < list.size(); v++) {
                views.add(group("view" + v, list.get(v)));
                where.add(list.get(v).path());
            }
        }
        Optional<ColumnGroup> privileged = Optional.empty();
        if (item.has(PRIVILEGED)) {
            Node p = item.get(PRIVILEGED);
            privileged = Optional.of(group(PRIVILEGED, p));
            views.add(privileged.get());
            where.add(p.path());
        }
        for (int a = 0; a < views.size(); a++) {
            for (int b = a + 1; b < views.size(); b++) {
                int shared = firstShared(views.get(a).columns(), views.get(b).columns());
                if (shared >= 0) {
                    throw new ConfigException(where.get(b), "column " + shared + " is also in " + where.get(a)
                            + (b == views.size() - 1 && privileged.isPresent()
                                    ? "; privileged columns are training-only and cannot be in a view" : "; views must not overlap"));
                }
            }
        }
        privileged.ifPresent(p -> views.remove(views.size() - 1));
        return new ColumnGroups(views, privileged);
    }

    /** Views name feature columns, which PCA replaces by components: the two cannot be combined. */
    static void requireViewsWithoutPca(List<DatasetSpec> datasets, Preprocessing pre) {
        for (int i = 0; i < datasets.size() && pre.pca() > 0; i++) {
            if (datasets.get(i) instanceof DatasetSpec.Grouped g && !g.groups().views().isEmpty()) {
                throw new ConfigException("datasets[" + i + "]." + VIEWS, "views name feature columns, which preprocessing.pca replaces by "
                        + "components; set preprocessing.pca: 0 or remove the views");
            }
        }
    }

    /**
     * The spec of a dataset entry: {@code source} binds the entry without its column-group keys; with
     * {@code views}, {@code privileged} or {@code source: NAME} (a named dataset under the entry's own name, so
     * one dataset can appear twice with different column groups) it is wrapped in {@link DatasetSpec.Grouped}.
     */
    static DatasetSpec spec(Node item, Function<Node, DatasetSpec> source) {
        if (!item.isMap() || !(item.has(VIEWS) || item.has(PRIVILEGED) || item.has(SOURCE))) {
            return source.apply(item);
        }
        ColumnGroups groups = bind(item);
        Map<String, Object> m = item.map();
        m.remove(VIEWS);
        m.remove(PRIVILEGED);
        if (!item.has(SOURCE)) {
            DatasetSpec base = source.apply(new Node(item.path(), m));
            return new DatasetSpec.Grouped(base.name(), base, groups);
        }
        Node from = item.get(SOURCE);
        m.remove(SOURCE);
        if (m.keySet().stream().anyMatch(k -> !k.equals("name"))) {
            throw from.fail("source loads a named dataset under this entry's name; it cannot be combined with "
                    + m.keySet().stream().filter(k -> !k.equals("name")).sorted().toList());
        }
        String name = item.string("name", from.string());
        DatasetSpec base = source.apply(new Node(item.path(), Map.of("name", from.string())));
        return new DatasetSpec.Grouped(name, base, groups);
    }

    /**
     * The loaded dataset with its privileged columns moved out of the features and its views set (renumbered
     * to the remaining feature columns).
     *
     * @throws IllegalArgumentException naming the key when a range is outside the data's columns or the
     *     views leave a feature column out
     */
    public Dataset apply(Dataset full) {
        if (isEmpty()) {
            return full;
        }
        int d = full.dim();
        boolean[] isPrivileged = new boolean[d];
        if (privileged.isPresent()) {
            requireWithin(privileged.get(), d, full.name(), PRIVILEGED);
            for (int c : privileged.get().columns()) {
                isPrivileged[c] = true;
            }
        }
        int[] features = IntStream.range(0, d).filter(c -> !isPrivileged[c]).toArray();
        if (features.length == 0) {
            throw new IllegalArgumentException(PRIVILEGED + ": all " + d + " columns of '" + full.name()
                    + "' are privileged; leave at least one feature column");
        }
        int[] position = new int[d];
        for (int k = 0; k < features.length; k++) {
            position[features[k]] = k;
        }
        List<ColumnGroup> renumbered = new ArrayList<>();
        boolean[] covered = new boolean[d];
        for (ColumnGroup g : views) {
            requireWithin(g, d, full.name(), VIEWS);
            int[] cols = g.columns();
            for (int k = 0; k < cols.length; k++) {
                covered[cols[k]] = true;
                cols[k] = position[cols[k]];
            }
            renumbered.add(new ColumnGroup(g.name(), cols));
        }
        if (!views.isEmpty()) {
            for (int c : features) {
                if (!covered[c]) {
                    throw new IllegalArgumentException(VIEWS + ": column " + c + " of '" + full.name() + "' is in no view and not "
                            + PRIVILEGED + "; the views must cover every feature column (0.." + (d - 1) + ")");
                }
            }
        }
        Dataset out = full.withFeatures(full.x().columns(features)).withViews(new Views(renumbered));
        if (privileged.isPresent()) {
            Matrix p = full.x().columns(privileged.get().columns());
            out = out.withPrivileged(p);
        }
        return out;
    }

    /** The resolved config form: ranges of consecutive columns. */
    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!views.isEmpty()) {
            m.put(VIEWS, views.stream().map(ColumnGroups::ranges).toList());
        }
        privileged.ifPresent(p -> m.put(PRIVILEGED, ranges(p)));
        return m;
    }

    private static List<List<Integer>> ranges(ColumnGroup g) {
        List<List<Integer>> out = new ArrayList<>();
        int[] c = g.columns();
        int start = 0;
        for (int k = 1; k <= c.length; k++) {
            if (k == c.length || c[k] != c[k - 1] + 1) {
                out.add(List.of(c[start], c[k - 1]));
                start = k;
            }
        }
        return out;
    }

    private static void requireWithin(ColumnGroup g, int d, String dataset, String key) {
        if (g.last() >= d) {
            throw new IllegalArgumentException(key + ": column " + g.last() + " is outside the " + d + " columns of '" + dataset
                    + "' (0.." + (d - 1) + ")");
        }
    }

    /** One group from {@code [a, b]} or {@code [[a, b], [c, d], …]} (inclusive, non-overlapping ranges). */
    private static ColumnGroup group(String name, Node node) {
        List<Node> items = node.list();
        if (items.isEmpty()) {
            throw node.fail("expected an inclusive column range [first, last] or a list of them, found an empty list");
        }
        List<Node> ranges = items.get(0).isList() ? items : List.of(node);
        TreeSet<Integer> cols = new TreeSet<>();
        for (Node r : ranges) {
            List<Node> ends = r.list();
            if (ends.size() != 2) {
                throw r.fail("expected an inclusive column range [first, last], found " + ends.size() + " numbers");
            }
            int first = ends.get(0).intIn(0, MAX_COLUMN, "a column index");
            int last = ends.get(1).intIn(0, MAX_COLUMN, "a column index");
            if (last < first) {
                throw r.fail("range [" + first + ", " + last + "] ends before it starts; write [first, last] with first <= last");
            }
            for (int c = first; c <= last; c++) {
                if (!cols.add(c)) {
                    throw r.fail("column " + c + " appears in two ranges of the same group");
                }
            }
        }
        return new ColumnGroup(name, cols.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int firstShared(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return a[i];
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return -1;
    }
}
