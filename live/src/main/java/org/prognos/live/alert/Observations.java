package org.prognos.live.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * What the alert rule sees of one model answer: the risk against the model's threshold, the likeliest component, the
 * drivers (each with its label for people, as the report and the live page name it) and the outlook. One mapping for
 * every place that runs the rule: the service's alert feed and the Flink job.
 */
public final class Observations {
    private Observations() {
    }

    /**
     * The observation of {@code asset}'s answer {@code a}, scored at {@code time}, its drivers labelled by
     * {@code labels}: the scoring model's feature labels ({@code FeatureExtractor::label}, the column itself for a
     * column it does not know).
     */
    public static Observation of(String asset, DataTime time, ScoreResponse a, UnaryOperator<String> labels) {
        List<Driver> drivers = a.explanation().map(e -> e.topFeatures().stream()
                .map(f -> new Driver(f.feature(), labels.apply(f.feature()), f.contribution())).toList()).orElse(List.of());
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
