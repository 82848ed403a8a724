package org.prognos.flink.kafka;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeadLetter;

/**
 * Reads device records in their topic's {@link DeviceFormat}: what it carries goes on as {@link AssetWindow}s, a
 * record that cannot be read goes to {@link #DEAD_LETTERS} with its reason (the service's {@link DeadLetter} document,
 * with the record's topic, key, partition and offset), and nothing stops. Runs chained to the
 * source, with its parallelism, so each reader sees its partitions' records in order.
 */
public final class DecodeDevices extends ProcessFunction<DeviceRecord, AssetWindow> {
    /** Records that could not be read. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final DeviceFormat format;
    private transient DeviceFormat.Reader reader;

    public DecodeDevices(DeviceFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public void open(OpenContext context) {
        reader = format.open();
    }

    @Override
    public void processElement(DeviceRecord record, Context ctx, Collector<AssetWindow> out) {
        reader.read(record).route(record, out::collect, letter -> ctx.output(DEAD_LETTERS, letter));
    }
}
