package org.prognos.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of this module's tests ({@code local[2]}, no UI, four shuffle partitions), started by
 * the first test that asks and stopped by Spark's shutdown hook when the test JVM exits.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("prognos-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return session;
    }
}
