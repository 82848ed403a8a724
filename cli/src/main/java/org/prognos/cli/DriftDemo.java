package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.DriftConfig;
import org.prognos.inference.report.ReportRow;

/**
 * The demo's last step, drift live: the streamed model's inputs against its training profile, then the 7-day model
 * (fed only by these requests) scoring the whole fleet at two times with its readings as they are and at three later
 * times with every vibration reading offset, its drift printed after the normal and after the shifted ones, so that
 * the drift route is seen flagging a recalibrated sensor.
 */
final class DriftDemo {
    /**
     * Drift settings: the defaults, judged every 30 s. The Azure spec's asset columns (machine model, age, the
     * days-since-maintenance clocks) are shown but not counted by the service itself (inference/README.md, Drift).
     */
    static final DriftConfig DRIFT = new DriftConfig(500, 100, 0.1, 0.25, 0.3, 30, List.of());
    /** The fleet is scored at these times with its readings as they are, then at the shifted ones with an offset. */
    static final List<String> DRIFT_NORMAL = List.of("2015-12-20 06:00:00", "2015-12-20 09:00:00");
    static final List<String> DRIFT_SHIFTED = List.of("2015-12-20 12:00:00", "2015-12-20 15:00:00", "2015-12-20 18:00:00");
    /** The injected offset on every vibration reading: about two standard deviations of a reading. */
    static final double VIBRATION_OFFSET = 10;

    private DriftDemo() {
    }

    /**
     * Runs the step: one drift answer for {@code streamModel}, then the fleet batches for {@code batchModel}, their
     * bodies written to {@code requests}.
     */
    static void run(DemoExamples ex, Dataset azure, List<ReportRow> ranked, Path requests, String streamModel, String batchModel,
                    String scoreKey, PrintWriter out) throws IOException, InterruptedException {
        out.println();
        out.println("== drift: live inputs against each model's training profile (PSI, KS distance; thresholds in inference/README.md)");
        out.println("   -> " + driftLine(ex.get("Drift of the streamed model's inputs (its last " + DRIFT.window()
                + " vectors across the fleet):", "/v1/models/" + streamModel + "/drift", scoreKey)));
        List<String> assets = ranked.stream().map(ReportRow::asset).sorted().toList();
        for (int i = 0; i < DRIFT_NORMAL.size() + DRIFT_SHIFTED.size(); i++) {
            boolean shifted = i >= DRIFT_NORMAL.size();
            String at = shifted ? DRIFT_SHIFTED.get(i - DRIFT_NORMAL.size()) : DRIFT_NORMAL.get(i);
            Path body = requests.resolve("drift-" + (shifted ? "vibration+10-" : "") + at.replace(' ', 'T').replace(":", "") + ".json");
            DemoRequests.write(body, DemoRequests.fleetBatch(azure, assets, at, shifted ? VIBRATION_OFFSET : 0));
            ex.post("Score the whole fleet as of " + at + " with " + batchModel + (shifted ? ", every vibration reading "
                    + String.format(Locale.ROOT, "%+.0f", VIBRATION_OFFSET) + " (a recalibrated sensor)" : ", readings as they are")
                    + ":", "/v1/models/" + batchModel + "/score-batch", body);
            if (i == DRIFT_NORMAL.size() - 1 || i == DRIFT_NORMAL.size() + DRIFT_SHIFTED.size() - 1) {
                out.println("   -> " + driftLine(ex.get("Its drift now:", "/v1/models/" + batchModel + "/drift", scoreKey)));
            }
        }
    }

    /** One line of a drift answer: status, vectors, the counted features with the largest PSI. */
    static String driftLine(JsonNode d) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s v%d: %s over %d %s", d.path("model").asText(),
                d.path("version").asInt(), d.path("status").asText(), d.path("rows").asInt(),
                d.path("rows").asInt() == 1 ? "vector" : "vectors"));
        int shown = 0;
        for (JsonNode f : d.path("features")) {
            if (f.path("counted").asBoolean() && shown < 3) {
                sb.append(shown == 0 ? "; largest PSI: " : ", ").append(String.format(Locale.ROOT, "%s %.2f (%s)",
                        f.path("feature").asText(), f.path("psi").asDouble(), f.path("status").asText()));
                shown++;
            }
        }
        return sb.toString();
    }
}
