package org.prognos.inference.alerts;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.drift.DriftListener;
import org.prognos.inference.drift.ModelDrift;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Direction;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Outlook;
import org.prognos.models.drift.DriftStatus;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.FeatureDrift;

/**
 * Turns drift evaluations into alerts through the same trackers, records and deliveries as asset alerts, so a drift
 * alert is listed, acknowledged and delivered (webhooks, MQTT) like any other.
 *
 * <p>Each judged evaluation of a model is one observation of the pseudo-asset {@code drift:<model>}: its value is the
 * number of drifted features, its threshold 1, so the alert rule's K evaluations in a row with a drifted feature open
 * one alert (not one per reading, nor per evaluation), and K in a row with none close it. The drivers are the drifted
 * features (with their labels for people) and their PSI, largest first; the outlook's score is the largest PSI of any feature. Features set aside by
 * {@code drift.ignore} count for nothing here. A model not yet
 * judged (warming up, no profile) is not observed, so it neither opens nor closes anything.
 */
public final class DriftAlertFeed implements DriftListener {
    /** What a drift alert's asset starts with; the model name follows. */
    public static final String ASSET_PREFIX = "drift:";
    /** The most drifted features named as drivers. */
    static final int MAX_DRIVERS = 10;

    private final AlertService alerts;
    private final ModelCatalog catalog;

    public DriftAlertFeed(AlertService alerts, ModelCatalog catalog) {
        this.alerts = alerts;
        this.catalog = catalog;
    }

    @Override
    public void evaluated(ModelDrift drift) {
        if (drift.verdict() instanceof DriftVerdict.Judged judged) {
            alerts.apply(alerts.observe(observation(drift, judged, AlertFeed.labels(catalog, drift.model()))));
        }
    }

    /** The observation one judged evaluation makes. */
    static Observation observation(ModelDrift drift, DriftVerdict.Judged judged, UnaryOperator<String> labels) {
        List<FeatureDrift> drifted = judged.at(DriftStatus.DRIFTED).stream()
                .sorted(java.util.Comparator.comparingDouble(FeatureDrift::psi).reversed()).toList();
        List<Driver> drivers = drifted.stream().limit(MAX_DRIVERS).map(f -> new Driver(f.feature(), labels.apply(f.feature()), f.psi()))
                .toList();
        long tick = drift.at().toEpochMilli();
        return new Observation(ASSET_PREFIX + drift.model(), drift.model(), drift.version(),
                new DataTime(tick, drift.at().toString()), drifted.size(), 1, Direction.HIGH_IS_BAD, Optional.empty(), drivers,
                new Outlook.Anomaly(judged.maxPsi()));
    }
}
