package org.metriclab.index;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An index built for a sweep, with the wall and CPU seconds its build took. A kept graph records those times
 * beside its manifest, so that a later sweep over the same data reuses the graph and still reports its build.
 *
 * @param dir          the index directory
 * @param buildSeconds wall seconds of the build
 * @param buildCpu     process CPU seconds of the build (all threads)
 * @param reused       whether the graph was found already built
 */
record BuiltGraph(Path dir, double buildSeconds, double buildCpu, boolean reused) {
    static final String TIMES = "metriclab-sweep-build.properties";

    /** Builds {@code gallery} with {@code params} into the new directory {@code dir}, timing the build. */
    static BuiltGraph build(Path dir, Gallery gallery, HnswParams params, String model) throws IOException {
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        GalleryIndex.build(dir, gallery, params, model);
        return new BuiltGraph(dir, (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, false);
    }

    /**
     * The graph of {@code gallery} with {@code params} kept in {@code dir}: reused when its manifest names the same
     * data tag, rows, dimension and settings, else built there and its build times recorded. A directory holding
     * another graph is refused, so that a sweep never reports a graph of other data.
     */
    static BuiltGraph kept(Path dir, Gallery gallery, HnswParams params, String dataTag) throws IOException {
        if (Files.exists(dir.resolve(IndexManifest.FILE)) && Files.exists(dir.resolve(TIMES))) {
            IndexManifest m = IndexManifest.read(dir);
            if (!m.model().equals(dataTag) || m.rows() != gallery.rows() || m.dim() != gallery.dim() || !m.params().equals(params)) {
                throw new IllegalArgumentException(dir + " holds a graph of other data or settings (" + m.model() + ", " + m.rows() + " × " + m.dim()
                        + ", m " + m.params().m() + ", ef_construction " + m.params().efConstruction() + "); remove it or keep graphs in another directory");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve(TIMES), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return new BuiltGraph(dir, seconds(p, "build_s", dir), seconds(p, "build_cpu_s", dir), true);
        }
        BuiltGraph made = build(dir, gallery, params, dataTag);
        Properties p = new Properties();
        p.setProperty("build_s", Double.toString(made.buildSeconds()));
        p.setProperty("build_cpu_s", Double.toString(made.buildCpu()));
        try (Writer w = Files.newBufferedWriter(dir.resolve(TIMES), StandardCharsets.UTF_8)) {
            p.store(w, "wall and CPU seconds of the sweep's build of this graph");
        }
        return made;
    }

    private static double seconds(Properties p, String key, Path dir) {
        try {
            return Double.parseDouble(p.getProperty(key, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(dir.resolve(TIMES) + " has no number for " + key + "; remove " + dir + " to rebuild the graph", e);
        }
    }

    /** CPU time of this process over all threads, in nanoseconds; 0 on a JVM without the HotSpot management extension. */
    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}
