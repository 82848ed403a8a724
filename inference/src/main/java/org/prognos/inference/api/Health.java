package org.prognos.inference.api;

import java.util.List;

/**
 * Liveness or readiness.
 *
 * @param status {@code up}, {@code ready} or {@code not-ready}
 * @param models the models served (name:version)
 */
public record Health(String status, List<String> models) {
    public Health {
        models = List.copyOf(models);
    }
}
