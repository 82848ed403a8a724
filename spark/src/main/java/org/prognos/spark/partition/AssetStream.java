package org.prognos.spark.partition;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * One asset's readings as Spark hands them to a group function, already in time order: rows of
 * {@code (asset, time, channel values...)} in {@link FleetColumns#readings} layout. It can be read once only, which is
 * all batch extraction needs, so an asset's history streams through without being held in memory. A missing value
 * (SQL null) is {@code NaN}, as the library's readers make it.
 */
final class AssetStream implements TelemetrySource {
    private final String asset;
    private final TimeAxis axis;
    private final List<String> channels;
    private Iterator<Row> rows;

    AssetStream(String asset, TimeAxis axis, List<String> channels, Iterator<Row> rows) {
        this.asset = asset;
        this.axis = axis;
        this.channels = List.copyOf(channels);
        this.rows = rows;
    }

    @Override
    public String name() {
        return "the readings of asset " + asset;
    }

    @Override
    public TimeAxis axis() {
        return axis;
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    @Override
    public void forEach(ReadingSink sink) {
        if (rows == null) {
            throw new IllegalStateException(name() + " were already read; a Spark group can be read once");
        }
        Iterator<Row> it = rows;
        rows = null;
        double[] values = new double[channels.size()];
        while (it.hasNext()) {
            Row r = it.next();
            long time = r.getLong(FleetColumns.TIME_INDEX);
            for (int c = 0; c < values.length; c++) {
                int i = FleetColumns.FIRST_CHANNEL_INDEX + c;
                values[c] = r.isNullAt(i) ? Double.NaN : r.getDouble(i);
            }
            sink.reading(asset, time, values);
        }
    }
}
