package org.prognos.inference.api;

import java.util.List;

/**
 * Liveness or readiness.
 *
 * @param status  {@code up} (liveness), {@code ready} (every model served from its current bundle) or
 *                {@code degraded} (at least one model served, but a model is not served or a newer bundle was refused)
 * @param models  the models served (name:version)
 * @param failed  models configured but not served, each with the reason (readiness only; empty in liveness)
 * @param refused models whose newer bundle was refused; the version in {@code models} keeps serving (readiness only)
 */
public record Health(String status, List<String> models, List<ModelFault> failed, List<ModelFault> refused) {
    public Health {
        models = List.copyOf(models);
        failed = List.copyOf(failed);
        refused = List.copyOf(refused);
    }

    /** Liveness: the process is up, serving {@code models}. */
    public static Health up(List<String> models) {
        return new Health("up", models, List.of(), List.of());
    }
}
