package org.metriclab.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.metriclab.eval.Measure;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.RankedHits;

/**
 * The degradation report of the approximate index: for each graph setting it builds an index of the gallery
 * (timed), searches the queries exactly and approximately at each efSearch (after a warm-up pass; each timing is the
 * median of {@link TimedSearch#PASSES} passes over all queries, in wall and in process CPU seconds), and
 * reports recall@k against exact search and, for labelled data, precision@k and MAP@R exact beside approximate
 * (MAP@R from the R nearest rows, R the query's class size in the gallery, searched at beam max(efSearch, R)).
 */
public final class RecallSweep {
    private RecallSweep() {
    }

    /**
     * Runs the sweep; each graph is built in a fresh subdirectory of {@code work}, removed afterwards.
     *
     * @param each receives every point as soon as it is measured
     */
    public static List<SweepPoint> run(Gallery gallery, Gallery queries, int k, List<HnswParams> graphs, List<Integer> efSearch, Path work,
                                       Consumer<SweepPoint> each) throws IOException {
        return run(gallery, queries, k, graphs, efSearch, work, Optional.empty(), List.of(GraphWalk.FLOAT32), each);
    }

    /**
     * Runs the sweep; with {@code keepTag} present each graph lives in {@code work/m<m>-efc<ef_construction>} and is
     * kept, and one already there from the data the tag names is reused with its recorded build times.
     *
     * @param keepTag names the gallery data (e.g. its generator and seed); empty: build in temporary subdirectories
     * @param walks   graph walks measured at each efSearch
     * @param each    receives every point as soon as it is measured
     */
    public static List<SweepPoint> run(Gallery gallery, Gallery queries, int k, List<HnswParams> graphs, List<Integer> efSearch, Path work,
                                       Optional<String> keepTag, List<GraphWalk> walks, Consumer<SweepPoint> each) throws IOException {
        if (queries.dim() != gallery.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim() + " dimensions but the gallery has " + gallery.dim());
        }
        if (graphs.isEmpty() || efSearch.isEmpty() || walks.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one graph setting, one ef_search and one graph walk");
        }
        efSearch.forEach(HnswParams::requireEfSearch);
        List<SweepPoint> out = new ArrayList<>();
        int n = 0;
        for (HnswParams p : graphs) {
            BuiltGraph built = keepTag.isPresent()
                    ? BuiltGraph.kept(work.resolve("m" + p.m() + "-efc" + p.efConstruction()), gallery, p, keepTag.get())
                    : BuiltGraph.build(work.resolve("graph-" + n++), gallery, p, IndexManifest.NO_MODEL);
            double buildSeconds = built.buildSeconds();
            double buildCpu = built.buildCpu();
            try (GalleryIndex index = GalleryIndex.open(built.dir())) {
                index.exact(head(queries, 50), Math.min(k, index.rows()));
                TimedSearch exactRun = TimedSearch.median(queries.rows(), () -> index.exact(queries.vectors(), k));
                Neighbours exact = exactRun.result();
                double precisionExact = precision(exact, queries, gallery);
                int depth = relevantDepth(queries, gallery, index.rows());
                double mapExact = depth == 0 ? Double.NaN : mapAtR(index.exact(queries.vectors(), depth), queries, gallery);
                for (int ef : efSearch) {
                    for (GraphWalk walk : walks) {
                        index.search(queries.vectors(), k, ef, walk);
                        TimedSearch run = TimedSearch.median(queries.rows(), () -> index.search(queries.vectors(), k, ef, walk));
                        Neighbours approx = run.result();
                        double qps = run.queriesPerSecond();
                        double cpuQps = run.cpuQueriesPerSecond();
                        double exactQps = exactRun.queriesPerSecond();
                        double exactCpuQps = exactRun.cpuQueriesPerSecond();
                        double mapApprox = depth == 0 ? Double.NaN : mapAtR(index.search(queries.vectors(), depth, ef, walk), queries, gallery);
                        SweepPoint point = new SweepPoint(p, ef, k, approx.recallAgainst(exact), buildSeconds, qps, exactQps,
                                precisionExact, precision(approx, queries, gallery), new SweepPoint.CpuTimes(buildCpu, cpuQps, exactCpuQps),
                                new SweepPoint.MapAtR(mapExact, mapApprox), walk);
                        out.add(point);
                        each.accept(point);
                    }
                }
            } finally {
                if (keepTag.isEmpty()) {
                    deleteTree(built.dir());
                }
            }
        }
        return out;
    }

    /** The first {@code n} query rows (all of them when fewer), for warm-up passes. */
    private static float[] head(Gallery queries, int n) {
        int rows = Math.min(n, queries.rows());
        float[] out = new float[rows * queries.dim()];
        System.arraycopy(queries.vectors(), 0, out, 0, out.length);
        return out;
    }

    /** Mean over queries of the fraction of the k neighbours labelled like the query; NaN without labels. */
    static double precision(Neighbours hits, Gallery queries, Gallery gallery) {
        if (!queries.labelled() || !gallery.labelled()) {
            return Double.NaN;
        }
        long same = 0;
        for (int q = 0; q < hits.queries(); q++) {
            String label = queries.labels().get(q);
            for (int i = 0; i < hits.k(); i++) {
                int row = hits.row(q, i);
                if (row >= 0 && gallery.labels().get(row).equals(label)) {
                    same++;
                }
            }
        }
        return same / ((double) hits.queries() * hits.k());
    }

    /** The largest R (gallery rows of a query's label) over the queries, at most the gallery; 0 without labels. */
    static int relevantDepth(Gallery queries, Gallery gallery, int rows) {
        if (!queries.labelled() || !gallery.labelled()) {
            return 0;
        }
        Map<String, Integer> sizes = classSizes(gallery);
        int depth = 0;
        for (String label : queries.labels()) {
            depth = Math.max(depth, sizes.getOrDefault(label, 0));
        }
        return Math.min(depth, rows);
    }

    /**
     * MAP@R of the retrieved lists (each at least R long) through metric-eval's declared formula: the relevant
     * rows found within the first R positions keep their ranks, the others are ranked after R, where MAP@R does not
     * look. Queries whose label the gallery lacks are left out.
     */
    static double mapAtR(Neighbours hits, Gallery queries, Gallery gallery) {
        Map<String, Integer> sizes = classSizes(gallery);
        Measure map = Measure.parse("mean_average_precision_at_r");
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < hits.queries(); q++) {
            String label = queries.labels().get(q);
            int r = sizes.getOrDefault(label, 0);
            if (r == 0) {
                continue;
            }
            long[] ranks = new long[r];
            int found = 0;
            for (int i = 0; i < r && i < hits.k(); i++) {
                int row = hits.row(q, i);
                if (row >= 0 && gallery.labels().get(row).equals(label)) {
                    ranks[found++] = i + 1;
                }
            }
            for (int j = found; j < r; j++) {
                ranks[j] = r + 1 + (j - found);
            }
            sum += map.of(RankedHits.of(0, ranks, new int[0], 1));
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private static Map<String, Integer> classSizes(Gallery gallery) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String l : gallery.labels()) {
            sizes.merge(l, 1, Integer::sum);
        }
        return sizes;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
