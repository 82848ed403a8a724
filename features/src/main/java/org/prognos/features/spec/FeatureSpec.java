package org.prognos.features.spec;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.normalize.FittedNormalizer;
import org.prognos.features.normalize.NormalizationConfig;
import org.prognos.features.normalize.NormalizerFitter;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * A complete, versioned description of a feature set: the time axis, the input channels, named windows,
 * when rows are emitted, the feature groups, and the normalization — with its fitted parameters once
 * {@link #fit fitted}. Two specs with the same {@link #hash()} compute the same numbers.
 *
 * @param format             always {@value #FORMAT}; other values are refused
 * @param name               a short name for reports
 * @param description        free text
 * @param time               the time axis
 * @param channels           the telemetry channels read (the serving API's input channels)
 * @param windows            named windows used by the feature groups
 * @param emit               when rows are emitted
 * @param requireFullWindows when true, a row is emitted only once the asset's history covers every window
 * @param slopePer           unit of the slope's time axis (default one cycle, or one hour for timestamps)
 * @param maxWindowSamples   most readings a span window may hold per asset (bounded memory)
 * @param features           the feature groups, in column order
 * @param normalization      optional normalization of readings before windowing
 * @param fitted             the fitted normalizer; present when {@code normalization} is and the spec was fitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "name", "description", "time", "channels", "windows", "emit", "requireFullWindows",
    "slopePer", "maxWindowSamples", "features", "normalization", "fitted"})
public record FeatureSpec(String format, String name, String description, TimeConfig time, List<String> channels,
                          Map<String, WindowConfig> windows, EmitConfig emit, boolean requireFullWindows,
                          String slopePer, Integer maxWindowSamples, List<FeatureGroup> features,
                          NormalizationConfig normalization, FittedNormalizer fitted) {
    /** The format this version reads and writes. */
    public static final String FORMAT = "prognos-feature-spec/1";
    /** Default cap on readings per asset in one span window. */
    public static final int DEFAULT_MAX_WINDOW_SAMPLES = 1 << 20;

    @JsonCreator
    public FeatureSpec(@JsonProperty("format") String format,
                       @JsonProperty("name") String name,
                       @JsonProperty("description") String description,
                       @JsonProperty("time") TimeConfig time,
                       @JsonProperty("channels") List<String> channels,
                       @JsonProperty("windows") Map<String, WindowConfig> windows,
                       @JsonProperty("emit") EmitConfig emit,
                       @JsonProperty("requireFullWindows") boolean requireFullWindows,
                       @JsonProperty("slopePer") String slopePer,
                       @JsonProperty("maxWindowSamples") Integer maxWindowSamples,
                       @JsonProperty("features") List<FeatureGroup> features,
                       @JsonProperty("normalization") NormalizationConfig normalization,
                       @JsonProperty("fitted") FittedNormalizer fitted) {
        if (format == null) {
            format = FORMAT;
        }
        if (!FORMAT.equals(format)) {
            throw new InvalidSpecException("'format' is '" + format + "'; this version of Prognos reads '" + FORMAT + "'");
        }
        SpecLists.required("name", name);
        if (time == null) {
            throw new InvalidSpecException("'time' is required, e.g. {\"axis\": \"timestamps\", \"zone\": \"UTC\"}");
        }
        this.channels = SpecLists.nonEmpty("channels", channels);
        if (new HashSet<>(this.channels).size() != this.channels.size()) {
            throw new InvalidSpecException("'channels' lists a channel twice: " + this.channels);
        }
        this.windows = windows == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(windows));
        if (emit == null) {
            throw new InvalidSpecException("'emit' is required, e.g. {\"every\": \"3h\"} or {\"everySamples\": 1}");
        }
        this.features = SpecLists.nonEmpty("features", features);
        if (maxWindowSamples != null && maxWindowSamples < 1) {
            throw new InvalidSpecException("'maxWindowSamples' must be positive, found " + maxWindowSamples);
        }
        if (fitted != null && normalization == null) {
            throw new InvalidSpecException("'fitted' is present but 'normalization' is not");
        }
        this.format = format;
        this.name = name;
        this.description = description;
        this.time = time;
        this.emit = emit;
        this.requireFullWindows = requireFullWindows;
        this.slopePer = slopePer;
        this.maxWindowSamples = maxWindowSamples;
        this.normalization = normalization;
        this.fitted = fitted;
    }

    /** Whether the spec declares a normalization that has not been fitted yet (so it cannot extract). */
    @JsonIgnore
    public boolean needsFitting() {
        return normalization != null && fitted == null;
    }

    /** The fitted normalizer, if the spec has one. */
    public Optional<FittedNormalizer> normalizer() {
        return Optional.ofNullable(fitted);
    }

    /**
     * Fits the normalization on training telemetry (and nothing else): returns a spec carrying the fitted
     * parameters. A spec without normalization is returned unchanged.
     */
    public FeatureSpec fit(TelemetrySource training) {
        if (normalization == null) {
            return this;
        }
        FittedNormalizer f = new NormalizerFitter(normalization).fit(training, channels);
        return new FeatureSpec(format, name, description, time, channels, windows, emit, requireFullWindows, slopePer,
                maxWindowSamples, features, normalization, f);
    }

    /** This spec with another name. */
    public FeatureSpec withName(String newName) {
        return new FeatureSpec(format, newName, description, time, channels, windows, emit, requireFullWindows, slopePer,
                maxWindowSamples, features, normalization, fitted);
    }

    /** SHA-256 of the canonical JSON (sorted keys, no whitespace), as 64 hex digits. */
    public String hash() {
        return SpecJson.hash(this);
    }
}
