package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a served anomaly model turns a row into its score, recorded in the payload ({@code "scoring"}) so that the
 * service knows which of the two it runs:
 * <ul>
 * <li>{@link Static}: each row alone, calibrated against the held-out normal rows of the fit (the model as fitted);</li>
 * <li>{@link Adaptive}: each asset's rows in time order through an {@link AdaptiveScorer} with these settings, which
 * judges the asset against its own recent past; the service keeps one scorer per asset next to its feature state.</li>
 * </ul>
 * A payload written before this field existed reads as {@link Static} (see {@link AnomalyJson}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AnomalyScoring.Static.class, name = "static"),
    @JsonSubTypes.Type(value = AnomalyScoring.Adaptive.class, name = "adaptive")})
public sealed interface AnomalyScoring permits AnomalyScoring.Static, AnomalyScoring.Adaptive {
    /** The fitted model's score of each row alone: the default. */
    AnomalyScoring STATIC = new Static();

    /** The mode's name, as job files and payloads spell it. */
    String mode();

    /** The settings by name, for provenance, logs and the model's details. */
    Map<String, Object> asMap();

    /** Each row scored alone by the fitted model. */
    record Static() implements AnomalyScoring {
        @Override
        public String mode() {
            return "static";
        }

        @Override
        public Map<String, Object> asMap() {
            return Map.of("mode", mode());
        }
    }

    /**
     * Each asset's rows, in time order, through one {@link AdaptiveScorer} per asset.
     *
     * @param settings the scorer's settings
     */
    record Adaptive(AdaptiveScoring settings) implements AnomalyScoring {
        public Adaptive {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String mode() {
            return "adaptive";
        }

        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode());
            m.putAll(settings.asMap());
            return m;
        }
    }
}
