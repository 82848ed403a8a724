package org.prognos.features.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * One NASA C-MAPSS subset ({@code FD001}…): the run-to-failure training fleet and the truncated test fleet.
 * Both are {@link Dataset}s with a {@link EventKind#FAILURE} event of code {@value #FAILURE_CODE} per unit,
 * so labels are computed the same way for both: in train at each unit's last cycle (the engine failed
 * there), in test at last cycle + true RUL (from {@code RUL_FDxxx.txt}). Asset ids are unit numbers; train
 * unit 1 and test unit 1 are different engines, which is why they live in separate datasets.
 *
 * @param subset  the subset name, such as {@code FD001}
 * @param train   the training fleet, failure at each unit's last cycle
 * @param test    the test fleet, failure at last cycle + RUL
 * @param testRul the true remaining cycles of each test unit at its last cycle, in unit order
 */
public record Cmapss(String subset, Dataset train, Dataset test, List<Integer> testRul) {
    /** The code of the failure events. */
    public static final String FAILURE_CODE = "engine";

    public Cmapss {
        Objects.requireNonNull(subset, "subset");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        testRul = List.copyOf(testRul);
    }

    /**
     * Reads {@code train_<subset>.txt}, {@code test_<subset>.txt} (either may be {@code .gz}) and
     * {@code RUL_<subset>.txt} from {@code dir}; the telemetry is read once now to find each unit's last cycle.
     */
    public static Cmapss load(Path dir, String subset) throws IOException {
        String s = subset.toUpperCase(Locale.ROOT);
        if (!s.matches("FD\\d{3}")) {
            throw new InvalidSpecException("expected a C-MAPSS subset such as FD001, found '" + subset + "'");
        }
        CmapssSource train = CmapssSource.of(TextInput.find(dir, "train_" + s + ".txt"));
        CmapssSource test = CmapssSource.of(TextInput.find(dir, "test_" + s + ".txt"));
        Path rulFile = TextInput.find(dir, "RUL_" + s + ".txt");
        List<Integer> rul = readRul(rulFile);

        List<Event> trainFailures = new ArrayList<>();
        lastCycles(train).forEach((unit, last) -> trainFailures.add(failure(unit, last)));

        Map<String, Long> testLast = lastCycles(test);
        if (testLast.size() != rul.size()) {
            throw new InvalidTelemetryException(TextInput.name(rulFile), 0, 0, "expected " + testLast.size()
                    + " RUL values, one per unit of " + test.name() + ", found " + rul.size());
        }
        List<String> units = new ArrayList<>(testLast.keySet());
        units.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        List<Event> testFailures = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            testFailures.add(failure(units.get(i), testLast.get(units.get(i)) + rul.get(i)));
        }
        return new Cmapss(s, new Dataset(train, new EventLog(trainFailures), AssetAttributes.none()),
                new Dataset(test, new EventLog(testFailures), AssetAttributes.none()), rul);
    }

    /** An {@code RUL_FDxxx.txt} file: one whole number per line, in unit order. */
    public static List<Integer> readRul(Path file) throws IOException {
        String name = TextInput.name(file);
        List<Integer> rul = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(TextInput.reader(file))) {
            long lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (TextInput.skippable(line)) {
                    continue;
                }
                String text = line.strip();
                try {
                    int value = Integer.parseInt(text);
                    if (value < 0) {
                        throw new NumberFormatException();
                    }
                    rul.add(value);
                } catch (NumberFormatException e) {
                    throw new InvalidTelemetryException(name, lineNo, 1,
                            "expected a remaining useful life in whole cycles (0 or more), found '" + text + "'");
                }
            }
        }
        return List.copyOf(rul);
    }

    private static Event failure(String unit, long cycle) {
        return new Event(unit, cycle, EventKind.FAILURE, FAILURE_CODE);
    }

    private static Map<String, Long> lastCycles(TelemetrySource source) throws IOException {
        Map<String, Long> last = new LinkedHashMap<>();
        source.forEach((asset, time, values) -> last.put(asset, time));
        return last;
    }
}
