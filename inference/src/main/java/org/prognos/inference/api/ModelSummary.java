package org.prognos.inference.api;

import java.time.Instant;
import java.util.List;

/**
 * A served model, briefly.
 *
 * @param name      the model name
 * @param version   the registry version served
 * @param reference what the service resolves (e.g. {@code pump@production}); reloads re-resolve it
 * @param task      {@code failure-within-horizon} or {@code remaining-useful-life}
 * @param channels  the input channels a reading must carry
 * @param loadedAt  when this version was loaded
 */
public record ModelSummary(String name, int version, String reference, String task, List<String> channels, Instant loadedAt) {
    public ModelSummary {
        channels = List.copyOf(channels);
    }

    /**
     * The list of served models.
     *
     * @param models every served model
     */
    public record Listing(List<ModelSummary> models) {
        public Listing {
            models = List.copyOf(models);
        }
    }
}
