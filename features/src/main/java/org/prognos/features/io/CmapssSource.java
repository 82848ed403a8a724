package org.prognos.features.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A NASA C-MAPSS {@code train_FDxxx.txt} or {@code test_FDxxx.txt} file: space separated, no header, 26
 * numbers per line (unit, cycle, op_setting_1..3, sensor_1..21), lines ending in two spaces. The asset id is
 * the unit number as written, after an optional prefix ({@code "train-"} keeps train and test units apart
 * when they share a fleet); time is {@link TimeAxis.Cycles}. Columns in messages are 1-based field numbers.
 * {@code .gz}, blank lines and {@code #} comments are handled as in the CSV readers.
 */
public final class CmapssSource implements TelemetrySource {
    /** Fields per line: unit, cycle and the 24 channels. */
    public static final int FIELDS = 26;
    /** op_setting_1..3 then sensor_1..21, the order of the file. */
    public static final List<String> CHANNELS = channelNames();

    private static final TimeAxis CYCLES = new TimeAxis.Cycles();
    private final Path file;
    private final String name;
    private final String assetPrefix;
    private final ReadPolicy policy;

    /**
     * @param file        the text file, optionally {@code .gz}
     * @param assetPrefix put before each unit number to form the asset id; may be empty
     * @param policy      the read policy
     */
    public CmapssSource(Path file, String assetPrefix, ReadPolicy policy) {
        this.file = Objects.requireNonNull(file, "file");
        this.name = TextInput.name(file);
        this.assetPrefix = Objects.requireNonNull(assetPrefix, "assetPrefix");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Unit numbers as asset ids, default policy. */
    public static CmapssSource of(Path file) {
        return new CmapssSource(file, "", ReadPolicy.defaults());
    }

    private static List<String> channelNames() {
        List<String> names = new ArrayList<>(FIELDS - 2);
        for (int i = 1; i <= 3; i++) {
            names.add("op_setting_" + i);
        }
        for (int i = 1; i <= 21; i++) {
            names.add("sensor_" + i);
        }
        return List.copyOf(names);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeAxis axis() {
        return CYCLES;
    }

    @Override
    public List<String> channels() {
        return CHANNELS;
    }

    @Override
    public void forEach(ReadingSink sink) throws IOException {
        int[] starts = new int[FIELDS + 1];
        int[] ends = new int[FIELDS + 1];
        double[] values = new double[FIELDS - 2];
        AssetOrder order = new AssetOrder(name, CYCLES, values.length, 2, policy, sink);
        String unitText = null;
        String asset = null;
        long lineNo = 0;
        try (BufferedReader in = new BufferedReader(TextInput.reader(file), TextInput.BUFFER)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (TextInput.skippable(line)) {
                    continue;
                }
                int n = split(line, starts, ends);
                if (n != FIELDS) {
                    throw new InvalidTelemetryException(name, lineNo, Math.min(n, FIELDS) + 1, "expected " + FIELDS
                            + " space-separated numbers (unit, cycle, op_setting_1..3, sensor_1..21), found "
                            + (n > FIELDS ? "more" : String.valueOf(n)));
                }
                int unitLength = ends[0] - starts[0];
                if (unitText == null || unitText.length() != unitLength
                        || !line.regionMatches(starts[0], unitText, 0, unitLength)) {
                    unitText = unit(line.substring(starts[0], ends[0]), lineNo);
                    asset = assetPrefix + unitText;
                }
                long cycle = Cells.time(CYCLES, line.substring(starts[1], ends[1]), name, lineNo, 2);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Cells.value(line.substring(starts[c + 2], ends[c + 2]), name, lineNo, c + 3,
                            CHANNELS.get(c), policy.missingValues());
                }
                order.offer(asset, cycle, values, lineNo);
            }
        }
        order.finish();
    }

    private String unit(String text, long lineNo) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new InvalidTelemetryException(name, lineNo, 1, "expected a whole unit number, found '" + text + "'");
            }
        }
        return text;
    }

    /** Splits on spaces and tabs into at most {@code starts.length} fields; returns the count (capped at length). */
    private static int split(String line, int[] starts, int[] ends) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i == len) {
                break;
            }
            if (n == starts.length) {
                return n;
            }
            starts[n] = i;
            while (i < len && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            ends[n++] = i;
        }
        return n;
    }

    @Override
    public String toString() {
        return "CmapssSource[" + file + "]";
    }
}
