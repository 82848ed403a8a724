package org.prognos.inference.drift;

import java.time.Instant;
import org.prognos.models.drift.DriftThresholds;
import org.prognos.models.drift.DriftVerdict;

/**
 * One model's drift at one moment: the service's answer to {@code GET /v1/models/{name}/drift}.
 *
 * @param model      the model name
 * @param version    the version whose profile and window were compared
 * @param window     the most live vectors kept (the window's capacity)
 * @param recorded   vectors recorded for this version since it was loaded
 * @param source     where the reference came from (the profile's provenance); empty without a profile
 * @param thresholds the thresholds applied
 * @param verdict    no profile, warming up, or every feature judged
 * @param at         when it was evaluated
 */
public record ModelDrift(String model, int version, int window, long recorded, String source, DriftThresholds thresholds,
                         DriftVerdict verdict, Instant at) {
}
