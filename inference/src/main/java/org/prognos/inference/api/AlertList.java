package org.prognos.inference.api;

import java.util.List;
import org.prognos.inference.alerts.AlertView;

/**
 * Alerts asked for, the most recently opened first.
 *
 * @param alerts the alerts
 * @param count  how many
 */
public record AlertList(List<AlertView> alerts, int count) {
    public AlertList {
        alerts = List.copyOf(alerts);
    }
}
