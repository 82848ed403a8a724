package org.prognos.inference.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
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
 * once the batch is on disk.
 */
public final class AlertFeed implements IngestListener {
    private final AlertService alerts;

    public AlertFeed(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public Runnable scored(List<AssetScore> scores, StateDb.Batch batch) {
        List<AlertTransition> transitions = new ArrayList<>();
        for (AssetScore s : scores) {
            s.answer().ifPresent(a -> transitions.addAll(alerts.observe(observation(s, a))));
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
    static Observation observation(AssetScore s, ScoreResponse a) {
        return Observations.of(s.asset(), new DataTime(s.time(), s.timeText()), a);
    }
}
