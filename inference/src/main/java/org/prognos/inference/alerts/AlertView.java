package org.prognos.inference.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Outlook;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * An alert as JSON: the document the API answers and, without its deliveries, the one destinations receive. Absent
 * optional fields are left out.
 *
 * @param id                  the stable id (de-duplicate on it)
 * @param state               {@code open} or {@code closed}
 * @param asset               the asset
 * @param model               the model name and the version of the opening score
 * @param component           the component most likely to fail, when the model names components
 * @param direction           {@code high-is-bad} (probabilities, scores) or {@code low-is-bad} (remaining life)
 * @param threshold           the threshold crossed
 * @param value               the opening score's value
 * @param peak                the worst value since it opened
 * @param failure             a classifier's probabilities at opening
 * @param remainingUsefulLife a RUL model's prediction at opening
 * @param anomaly             an anomaly detector's score at opening
 * @param drivers             the features that drove the opening score
 * @param dataTime            data times (the model's axis): first score beyond, opening, closing
 * @param openedAt            when the service recorded the opening
 * @param closedAt            when it recorded the closing
 * @param acknowledged        who acknowledged it, when, with what note
 * @param deliveries          each event's delivery to each destination (API answers only)
 */
public record AlertView(String id, String state, String asset, ModelRef model, Optional<String> component, String direction,
                        double threshold, double value, double peak, Optional<Outlook.Failure> failure,
                        Optional<Outlook.RemainingLife> remainingUsefulLife, Optional<Outlook.Anomaly> anomaly,
                        List<Driver> drivers, DataTimes dataTime, Instant openedAt, Optional<Instant> closedAt,
                        Optional<Acknowledgement> acknowledged, Optional<List<Delivery>> deliveries) {
    /**
     * Data times, as the model's axis formats them.
     *
     * @param firstBeyond the first of the K scores beyond the threshold
     * @param opened      the K-th, when the alert opened
     * @param closed      the K-th score back past the release level
     */
    public record DataTimes(String firstBeyond, String opened, Optional<String> closed) {
    }

    /**
     * One event's delivery to one destination.
     *
     * @param destination the destination
     * @param event       {@code opened}, {@code closed} or {@code acked}
     * @param outcome     {@code pending}, {@code delivered} or {@code dead}
     * @param attempts    attempts made
     * @param at          when the outcome was last updated
     * @param error       the last failed attempt's error
     */
    public record Delivery(String destination, String event, String outcome, int attempts, Instant at, Optional<String> error) {
    }

    /**
     * What a destination receives.
     *
     * @param event {@code opened}, {@code closed} or {@code acked}
     * @param alert the alert after the event
     */
    public record Message(String event, AlertView alert) {
    }

    /** This document naming its asset {@code name} (as the asset's tenant names it, in an answer to that tenant). */
    public AlertView withAsset(String name) {
        return new AlertView(id, state, name, model, component, direction, threshold, value, peak, failure, remainingUsefulLife,
                anomaly, drivers, dataTime, openedAt, closedAt, acknowledged, deliveries);
    }

    /** The document of {@code r}, with its deliveries or without. */
    public static AlertView of(AlertRecord r, boolean withDeliveries) {
        var a = r.alert();
        Outlook o = a.outlook();
        return new AlertView(a.id(), r.state(), a.asset(), new ModelRef(a.model(), a.modelVersion()), a.component(),
                a.direction().name().toLowerCase(Locale.ROOT).replace('_', '-'), a.threshold(), a.value(), a.peak(),
                o instanceof Outlook.Failure f ? Optional.of(f) : Optional.empty(),
                o instanceof Outlook.RemainingLife l ? Optional.of(l) : Optional.empty(),
                o instanceof Outlook.Anomaly n ? Optional.of(n) : Optional.empty(), a.drivers(),
                new DataTimes(a.firstBeyond().text(), a.opened().text(), a.closed().map(t -> t.text())), r.openedAt(),
                r.closedAt(), r.acknowledgement(), withDeliveries ? Optional.of(r.deliveries().stream().map(d -> new Delivery(
                        d.destination(), d.event().label(), d.outcome().label(), d.attempts(), d.at(), d.error())).toList())
                        : Optional.empty());
    }
}
