package org.prognos.flink.score;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Direction;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Outlook;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * What the alert rule sees of one answer: the risk against the model's threshold, the likeliest component, the
 * drivers and the outlook. The same mapping as the service's alert feed (the service keeps its own copy in its
 * alerts package; {@code live} knows no model answers, so neither module can hold the one both use).
 */
final class Observations {
    private Observations() {
    }

    static Observation of(String asset, DataTime time, ScoreResponse a) {
        List<Driver> drivers = a.explanation().map(e -> e.topFeatures().stream()
                .map(f -> new Driver(f.feature(), f.contribution())).toList()).orElse(List.of());
        Optional<String> component = a.failure().flatMap(f -> f.byComponent().entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey));
        return new Observation(asset, a.model().name(), a.model().version(), time, a.risk().score(),
                a.risk().threshold(), Direction.HIGH_IS_BAD, component, drivers, outlook(a));
    }

    private static Outlook outlook(ScoreResponse a) {
        if (a.failure().isPresent()) {
            return new Outlook.Failure(a.failure().get().horizon(), a.failure().get().any(), a.failure().get().byComponent());
        }
        if (a.remainingUsefulLife().isPresent()) {
            return new Outlook.RemainingLife(a.remainingUsefulLife().get().value(), a.remainingUsefulLife().get().unit());
        }
        return new Outlook.Anomaly(a.risk().score());
    }
}
