package org.prognos.features.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Loads Microsoft's Azure predictive-maintenance sample ({@code notebooks-data/azure-pdm}): hourly telemetry
 * of volt, rotate, pressure and vibration per machine; failures (code = failed component), maintenance
 * (code = replaced component) and errors (code = error id) as events; model and age as attributes. Asset
 * ids are the machine ids as text; times are UTC. Each file may also be gzipped ({@code .csv.gz}). Events of
 * machines missing from {@code PdM_machines.csv} follow {@link ReadPolicy#unknownAssets()}.
 */
public final class AzurePdm {
    /** The four telemetry channels. */
    public static final List<String> CHANNELS = List.of("volt", "rotate", "pressure", "vibration");

    private AzurePdm() {
    }

    /** The dataset in {@code dir} with {@link ReadPolicy#defaults()}. */
    public static Dataset load(Path dir) throws IOException {
        return load(dir, ReadPolicy.defaults());
    }

    /** The dataset in {@code dir}; the telemetry is streamed later, events and attributes are read now. */
    public static Dataset load(Path dir, ReadPolicy policy) throws IOException {
        TimeAxis utc = TimeAxis.Timestamps.utc();
        WideCsvSource telemetry = WideCsvSource.open(TextInput.find(dir, "PdM_telemetry.csv"), utc,
                new WideCsvSource.Columns("machineID", "datetime", CHANNELS), policy);
        AssetAttributes machines = new AttributeCsv("machineID").read(TextInput.find(dir, "PdM_machines.csv"));
        Set<String> known = machines.assets();
        List<Event> events = new ArrayList<>();
        events.addAll(events(dir, "PdM_failures.csv", "failure", EventKind.FAILURE, known, policy));
        events.addAll(events(dir, "PdM_maint.csv", "comp", EventKind.MAINTENANCE, known, policy));
        events.addAll(events(dir, "PdM_errors.csv", "errorID", EventKind.ALARM, known, policy));
        return new Dataset(telemetry, new EventLog(events), machines);
    }

    private static List<Event> events(Path dir, String file, String codeColumn, EventKind kind, Set<String> known,
                                      ReadPolicy policy) throws IOException {
        return new EventCsv("datetime", "machineID", codeColumn, kind)
                .read(TextInput.find(dir, file), TimeAxis.Timestamps.utc(), known, policy.unknownAssets());
    }
}
