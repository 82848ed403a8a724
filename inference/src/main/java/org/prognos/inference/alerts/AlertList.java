package org.prognos.inference.alerts;

import java.util.List;

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
