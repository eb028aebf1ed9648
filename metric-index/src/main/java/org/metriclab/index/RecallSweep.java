package org.metriclab.index;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.metriclab.eval.knn.Neighbours;

/**
 * The degradation report of the approximate index: for each graph setting it builds an index of the gallery
 * (timed), searches the queries exactly once and approximately at each efSearch (timed, after a warm-up pass), and
 * reports recall@k against exact search and, for labelled data, precision@k exact beside approximate.
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
        if (queries.dim() != gallery.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim() + " dimensions but the gallery has " + gallery.dim());
        }
        if (graphs.isEmpty() || efSearch.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one graph setting and one ef_search");
        }
        efSearch.forEach(HnswParams::requireEfSearch);
        List<SweepPoint> out = new ArrayList<>();
        int n = 0;
        for (HnswParams p : graphs) {
            Path dir = work.resolve("graph-" + n++);
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            GalleryIndex.build(dir, gallery, p, IndexManifest.NO_MODEL);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            double buildCpu = (cpuNanos() - c0) / 1e9;
            try (GalleryIndex index = GalleryIndex.open(dir)) {
                index.exact(head(queries, 50), Math.min(k, index.rows()));
                t0 = System.nanoTime();
                c0 = cpuNanos();
                Neighbours exact = index.exact(queries.vectors(), k);
                double exactQps = queries.rows() / ((System.nanoTime() - t0) / 1e9);
                double exactCpuQps = queries.rows() / ((cpuNanos() - c0) / 1e9);
                double precisionExact = precision(exact, queries, gallery);
                for (int ef : efSearch) {
                    index.search(head(queries, 200), k, ef);
                    t0 = System.nanoTime();
                    c0 = cpuNanos();
                    Neighbours approx = index.search(queries.vectors(), k, ef);
                    double qps = queries.rows() / ((System.nanoTime() - t0) / 1e9);
                    double cpuQps = queries.rows() / ((cpuNanos() - c0) / 1e9);
                    SweepPoint point = new SweepPoint(p, ef, k, approx.recallAgainst(exact), buildSeconds, qps, exactQps,
                            precisionExact, precision(approx, queries, gallery), new SweepPoint.CpuTimes(buildCpu, cpuQps, exactCpuQps));
                    out.add(point);
                    each.accept(point);
                }
            } finally {
                deleteTree(dir);
            }
        }
        return out;
    }

    /** CPU time of this process over all threads, in nanoseconds; 0 on a JVM without the HotSpot management extension. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
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

    private static void deleteTree(Path dir) throws IOException {
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
