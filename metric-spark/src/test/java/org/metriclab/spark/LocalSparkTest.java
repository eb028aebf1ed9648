package org.metriclab.spark;

import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that extends this runs its tests on one local[2] Spark session, started before and stopped after them. */
abstract class LocalSparkTest {
    static SparkSession session;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        session = Sessions.open(Optional.of("local[2]"), 0, "metriclab-test");
        sc = Sessions.context(session);
    }

    @AfterAll
    static void stop() {
        session.stop();
    }
}
