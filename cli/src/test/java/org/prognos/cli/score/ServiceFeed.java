package org.prognos.cli.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Feeds a streaming service a dataset's readings as a device would send them: each asset's readings, in time order,
 * in windows of {@value #CHUNK}; the asset's answer after its last. Shared by the tests that hold {@code prognos score}
 * equal to the service.
 */
final class ServiceFeed {
    /** Readings per ingested window. */
    static final int CHUNK = 500;

    private ServiceFeed() {
    }

    /**
     * Ingests every asset of {@code data} into {@code service} under {@code model}, as {@code renamed} names it (else its
     * own id), and returns each (renamed) asset's answer after its last reading.
     */
    static Map<String, ScoreResponse> ingestEach(StreamingService service, String model, Dataset data,
                                                 Map<String, String> renamed) throws java.io.IOException {
        Map<String, List<Long>> times = new HashMap<>();
        Map<String, List<double[]>> values = new HashMap<>();
        data.telemetry().forEach((a, t, v) -> {
            times.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
            values.computeIfAbsent(a, k -> new ArrayList<>()).add(v.clone());
        });
        List<String> channels = data.telemetry().channels();
        WindowSchema schema = service.schema(model);
        int width = schema.channels().size();
        Map<String, ScoreResponse> answers = new HashMap<>();
        for (String id : times.keySet()) {
            String asset = renamed.getOrDefault(id, id);
            List<Long> ts = times.get(id);
            AssetKey key = AssetKey.of(asset);
            for (int from = 0; from < ts.size(); from += CHUNK) {
                int to = Math.min(ts.size(), from + CHUNK);
                double[] flat = new double[(to - from) * width];
                for (int r = from; r < to; r++) {
                    for (int c = 0; c < width; c++) {
                        flat[(r - from) * width + c] = values.get(id).get(r)[channels.indexOf(schema.channels().get(c))];
                    }
                }
                service.ingest(key, model, new ReadingWindow(schema, Optional.of(asset),
                        ts.subList(from, to).stream().mapToLong(Long::longValue).toArray(), flat, List.of(), Map.of(),
                        OptionalLong.empty(), List.of()));
            }
            answers.put(asset, service.score(key));
        }
        return answers;
    }
}
