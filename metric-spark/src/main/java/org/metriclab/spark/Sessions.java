package org.metriclab.spark;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session MetricLab runs on. The master comes from {@code --master}, else from
 * {@code spark.master} (set by spark-submit), else {@code local[threads]} ({@code local[*]} for 0).
 * Local masters bind the driver to 127.0.0.1 and run without the web UI unless those settings are given;
 * cluster masters keep Spark's defaults.
 */
public final class Sessions {
    private Sessions() {
    }

    /** A session for {@code master} (see the class comment for the defaults). */
    public static SparkSession open(Optional<String> master, int threads, String appName) {
        SparkConf conf = new SparkConf();
        String m = master.orElseGet(() -> conf.contains("spark.master") ? conf.get("spark.master")
                : threads > 0 ? "local[" + threads + "]" : "local[*]");
        if (m.isBlank()) {
            throw new IllegalArgumentException("--master is empty: expected local[N], spark://host:port or yarn");
        }
        conf.setMaster(m).setIfMissing("spark.app.name", appName);
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** The Java view of a session's context. */
    public static JavaSparkContext context(SparkSession session) {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}
