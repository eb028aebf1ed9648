package org.metriclab.index;

import java.util.Locale;

/**
 * One setting of an index measured against the exact engine on the same queries.
 *
 * @param params          graph settings
 * @param efSearch        search beam width
 * @param k               neighbours per query
 * @param recall          recall@k of the index against exact search
 * @param buildSeconds    wall time to build and commit the index (the same for every efSearch of one graph)
 * @param queriesPerSecond approximate queries per second (all cores)
 * @param exactQueriesPerSecond exact-engine queries per second on the same queries (all cores)
 * @param precisionExact  mean fraction of the exact k nearest that share the query's label (NaN unlabelled)
 * @param precisionApprox the same for the index's k nearest
 * @param cpu             the same timings in process CPU seconds, which a shared machine's load does not inflate
 * @param mapAtR          MAP@R of exact and of approximate search (NaN unlabelled)
 * @param walk            the values the graph walk scored nodes with
 */
public record SweepPoint(HnswParams params, int efSearch, int k, double recall, double buildSeconds, double queriesPerSecond,
                         double exactQueriesPerSecond, double precisionExact, double precisionApprox, CpuTimes cpu, MapAtR mapAtR,
                         GraphWalk walk) {
    /**
     * Timings in process CPU seconds (all threads).
     *
     * @param buildSeconds          CPU seconds to build and commit the index
     * @param queriesPerSecond      approximate queries per CPU second
     * @param exactQueriesPerSecond exact queries per CPU second
     */
    public record CpuTimes(double buildSeconds, double queriesPerSecond, double exactQueriesPerSecond) {
    }

    /**
     * MAP@R with exact and with approximate neighbours.
     *
     * @param exact  from the exact R nearest rows
     * @param approx from the index's R nearest rows
     */
    public record MapAtR(double exact, double approx) {
    }

    /** The CSV header matching {@link #csv()} (a method, so that callers compiled earlier read the current one). */
    public static String csvHeader() {
        return HEADER;
    }

    private static final String HEADER = "m,ef_construction,ef_search,k,recall_at_k,build_s,qps,exact_qps,speedup,"
            + "precision_at_k_exact,precision_at_k_approx,precision_difference,build_cpu_s,cpu_qps,exact_cpu_qps,cpu_speedup,"
            + "map_at_r_exact,map_at_r_approx,map_at_r_difference,walk";

    /** Approximate over exact queries per second. */
    public double speedup() {
        return queriesPerSecond / exactQueriesPerSecond;
    }

    public String csv() {
        return params.m() + "," + params.efConstruction() + "," + efSearch + "," + k + "," + fmt(recall) + "," + fmt(buildSeconds) + ","
                + fmt(queriesPerSecond) + "," + fmt(exactQueriesPerSecond) + "," + fmt(speedup()) + "," + fmt(precisionExact) + ","
                + fmt(precisionApprox) + "," + fmt(precisionApprox - precisionExact) + "," + fmt(cpu.buildSeconds()) + ","
                + fmt(cpu.queriesPerSecond()) + "," + fmt(cpu.exactQueriesPerSecond()) + "," + fmt(cpu.queriesPerSecond() / cpu.exactQueriesPerSecond())
                + "," + fmt(mapAtR.exact()) + "," + fmt(mapAtR.approx()) + "," + fmt(mapAtR.approx() - mapAtR.exact()) + ","
                + walk.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5g", v);
    }
}
