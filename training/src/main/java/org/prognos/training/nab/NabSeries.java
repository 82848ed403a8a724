package org.prognos.training.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.context.ContextRange;

/**
 * One NAB file as a stream of records, in file order: NAB's rule is that every record is seen once, in order, so
 * nothing is sorted or dropped. NAB files repeat a few timestamps (and the machine-temperature file one hour); a
 * record whose time is not after its predecessor's is stamped 1 µs after it ({@link #streamTimes()}), which the
 * sample-count windows of a NAB spec do not notice.
 *
 * @param key        {@code CATEGORY/FILE.csv}, as NAB's label file names it
 * @param timestamps the time column as written, for the result file
 * @param values     the value column
 * @param times      the timestamps parsed (UTC microseconds)
 */
public record NabSeries(String key, List<String> timestamps, double[] values, long[] times) {
    /** NAB's cap on the probationary period: 15 % of 5000 records. */
    public static final int MAX_PROBATION = 750;

    public NabSeries {
        timestamps = List.copyOf(timestamps);
        values = values.clone();
        times = times.clone();
        if (values.length != timestamps.size() || times.length != values.length) {
            throw new IllegalArgumentException("timestamps, values and times differ in length");
        }
    }

    /** Reads {@code data/CATEGORY/FILE.csv} ({@code timestamp,value}); a bad line fails naming file and line. */
    public static NabSeries read(Path dataDir, String key) throws IOException {
        Path file = dataDir.resolve(key);
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).strip().equals("timestamp,value")) {
            throw new InvalidTelemetryException(key, 1, 0, "a NAB file starts with the header timestamp,value");
        }
        TimeAxis axis = TimeAxis.Timestamps.utc();
        List<String> stamps = new ArrayList<>(lines.size());
        double[] values = new double[lines.size() - 1];
        long[] times = new long[values.length];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new InvalidTelemetryException(key, i + 1, 0, "expected timestamp,value, found '" + line + "'");
            }
            String stamp = line.substring(0, comma);
            try {
                values[i - 1] = Double.parseDouble(line.substring(comma + 1));
                times[i - 1] = axis.parse(stamp);
            } catch (RuntimeException e) {
                throw new InvalidTelemetryException(key, i + 1, 0, "unreadable record '" + line + "': " + e.getMessage());
            }
            stamps.add(stamp);
        }
        return new NabSeries(key, stamps, values, times);
    }

    /** The number of records. */
    public int size() {
        return values.length;
    }

    /** NAB's probationary period: min(⌊0.15 n⌋, ⌊0.15 · 5000⌋) records that a detector may learn from. */
    public int probation() {
        return Math.min((int) Math.floor(0.15 * size()), MAX_PROBATION);
    }

    /**
     * The file's smallest and largest value: what NAB's harness hands every detector before the stream
     * ({@code nab/detectors/base.py}: {@code inputMin = data["value"].min()}, {@code inputMax} likewise), the one
     * exception NAB's rules make to no lookahead. Only {@link NabDetector.ContextRule.Given} reads it.
     */
    public ContextRange harnessRange() {
        return ContextRange.fit(values);
    }

    /** The category, the key's folder ({@code realKnownCause}). */
    public String category() {
        return key.substring(0, key.indexOf('/'));
    }

    /** The file name ({@code machine_temperature_system_failure.csv}). */
    public String fileName() {
        return key.substring(key.indexOf('/') + 1);
    }

    /** The times the records stream with: the file's, each pushed 1 µs past its predecessor when not after it. */
    public long[] streamTimes() {
        long[] out = times.clone();
        for (int i = 1; i < out.length; i++) {
            if (out[i] <= out[i - 1]) {
                out[i] = out[i - 1] + 1;
            }
        }
        return out;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public long[] times() {
        return times.clone();
    }
}
