package org.prognos.inference.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.state.IngestListener;
import org.prognos.inference.store.StateDb;
import org.prognos.live.alert.AlertTransition;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Observations;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Feeds every score the streaming path computes to the alert trackers, and records what opens or closes in the same
 * atomic batch as the readings that caused it: an alert is durable exactly when its readings are. Deliveries start
 * once the batch is on disk. Drivers are named as the report and the live page name them: by the serving model's
 * feature labels ({@link #labels}).
 */
public final class AlertFeed implements IngestListener {
    private final AlertService alerts;
    private final ModelCatalog catalog;

    public AlertFeed(AlertService alerts, ModelCatalog catalog) {
        this.alerts = alerts;
        this.catalog = catalog;
    }

    @Override
    public Runnable scored(List<AssetScore> scores, StateDb.Batch batch) {
        List<AlertTransition> transitions = new ArrayList<>();
        for (AssetScore s : scores) {
            s.answer().ifPresent(a -> transitions.addAll(alerts.observe(observation(s, a, labels(catalog, s.model().name())))));
        }
        alerts.record(batch, transitions);
        return () -> alerts.committed(transitions);
    }

    /** The asset's state was deleted or reset: its open alert closes, its trackers start over. */
    @Override
    public Runnable cleared(String asset, LongFunction<String> format, StateDb.Batch batch) {
        List<AlertTransition> closings = alerts.withdraw(asset, format, batch);
        return () -> alerts.committed(closings);
    }

    /** What a tracker sees of one score: the risk against the model's threshold, the component, drivers and outlook. */
    static Observation observation(AssetScore s, ScoreResponse a, UnaryOperator<String> labels) {
        return Observations.of(s.asset(), new DataTime(s.time(), s.timeText()), a, labels);
    }

    /**
     * The labels for people of {@code model}'s feature columns, as its current version's spec writes them (reports and
     * the live page use the same); a column the model does not know, or a model no longer served, keeps its name.
     */
    static UnaryOperator<String> labels(ModelCatalog catalog, String model) {
        return column -> catalog.serves(model) ? catalog.peek(model).extractor().label(column) : column;
    }
}
