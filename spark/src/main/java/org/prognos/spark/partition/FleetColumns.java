package org.prognos.spark.partition;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row layouts the partition functions read and write, in one place. Times are ticks on the spec's time axis:
 * microseconds since the epoch (UTC) on a timestamp axis, as Spark's own timestamps are; cycle numbers on a cycle
 * axis.
 */
public final class FleetColumns {
    /** The asset id column of every layout. */
    public static final String ASSET = "asset";
    /** The time column of every layout. */
    public static final String TIME = "time";
    /** The event kind column of {@link #events()}: failure, maintenance or alarm. */
    public static final String KIND = "kind";
    /** The event code column of {@link #events()}: the component or alarm. */
    public static final String CODE = "code";

    /** The label column of {@link #trainingSet}, as {@code prognos features --labels} names it. */
    public static final String LABEL = "label";

    static final int TIME_INDEX = 1;
    static final int FIRST_CHANNEL_INDEX = 2;

    private FleetColumns() {
    }

    /** Readings: asset, time, then one double per channel in the spec's channel order. */
    public static StructType readings(List<String> channels) {
        return keyed(channels);
    }

    /** Events: asset, time, kind, code. */
    public static StructType events() {
        return new StructType(new StructField[] {
            DataTypes.createStructField(ASSET, DataTypes.StringType, false),
            DataTypes.createStructField(TIME, DataTypes.LongType, false),
            DataTypes.createStructField(KIND, DataTypes.StringType, false),
            DataTypes.createStructField(CODE, DataTypes.StringType, false)});
    }

    /** The feature table: asset, time, then one double per feature column in the extractor's order. */
    public static StructType features(List<String> columns) {
        return keyed(columns);
    }

    /** A training set: the feature table's columns, then {@link #LABEL}. */
    public static StructType trainingSet(List<String> columns) {
        List<String> all = new ArrayList<>(columns);
        all.add(LABEL);
        return keyed(all);
    }

    private static StructType keyed(List<String> doubles) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(ASSET, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(TIME, DataTypes.LongType, false));
        for (String c : doubles) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
        }
        return DataTypes.createStructType(f);
    }
}
