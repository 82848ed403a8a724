package org.prognos.models.anomaly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.models.bundle.ManifestJson;

/**
 * What an {@link AdaptiveScorer}'s state means: the feature spec its rows come from, the settings it runs, and the
 * columns, column scaling and detector its rings and ranges are measured with. Two loads of a model with equal bases
 * mean the same to a scorer, so a scorer made under one goes on under the other with the same bits; this is the one
 * rule for that question, asked by a reload (the service's catalog and per-asset slots), by a restart that restores a
 * snapshot taken under another version (the service's store, Flink's keyed state), and by nothing else.
 *
 * <p>Why a basis rather than the two models: a restart has only the model it serves now; the one a snapshot was
 * taken under may be gone from the registry. So the snapshot keeps the basis it was taken under (a few hundred bytes:
 * the settings, and SHA-256 digests of the rest) and the restart compares it with the served model's. The digests are
 * of each part's JSON as the bundle payload writes it (doubles in their shortest exact form), so equal parts have equal
 * digests and a changed bit changes the digest. Computed once per loaded model ({@code LoadedModel#adaptiveBasis}):
 * a detector's JSON can be large.
 *
 * @param specHash the feature spec's hash (the rows a scorer is fed come from it)
 * @param settings the adaptive settings
 * @param columns  digest of the feature columns, in order
 * @param scaling  digest of the column scaling (rows and ranges are held in scaled units), the fleet's and, for a
 *                 model that scales each asset by its own, every asset's (a scorer is made with its asset's)
 * @param detector digest of the fitted detector (raw scores, without online neighbours, are on its scale), the
 *                 fleet's and, for a model with a detector per asset, every asset's (a scorer is made with its asset's)
 */
public record AdaptiveBasis(String specHash, AdaptiveScoring settings, String columns, String scaling, String detector) {
    private static final ObjectMapper MAPPER = ManifestJson.mapper();

    public AdaptiveBasis {
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(detector, "detector");
    }

    /**
     * The basis of {@code model}'s scorers when its rows come from the spec of hash {@code specHash}.
     *
     * @throws PrognosException when {@code model} is not scored adaptively
     */
    public static AdaptiveBasis of(String specHash, AnomalyModel model) {
        AdaptiveScoring settings = model.adaptive().orElseThrow(
                () -> new PrognosException("an anomaly model scored statically has no adaptive scorers"));
        Object scaling = model.assetScaling().isEmpty() ? model.scaling()   // as before per-asset scaling existed
                : java.util.Map.of("fleet", model.scaling(), "assets", model.assetScaling());
        Object detector = model.assetDetectors().isEmpty() ? model.detector()   // as before per-asset detectors existed
                : java.util.Map.of("fleet", model.detector(), "assets", model.assetDetectors());
        return new AdaptiveBasis(specHash, settings, digest(model.columns()), digest(scaling), digest(detector));
    }

    /**
     * Why a scorer made under this basis cannot go on under {@code to}; empty when it can. In order: another feature
     * spec (the asset's feature state is rebuilt, so the scorer's rows would not continue), other adaptive settings,
     * other columns, another column scaling, and, when raw scores come from the fitted detector (no online
     * neighbours), another detector (a retrained one scores on another scale). The score calibration does not
     * matter: adaptive scores never read it.
     */
    public Optional<String> whyRestart(AdaptiveBasis to) {
        if (!specHash.equals(to.specHash)) {
            return Optional.of("its feature spec changed (the assets' feature states are rebuilt too)");
        }
        if (!settings.equals(to.settings)) {
            return Optional.of("its adaptive settings changed (" + settings.asMap() + " to " + to.settings.asMap() + ")");
        }
        if (!columns.equals(to.columns)) {
            return Optional.of("its feature columns changed");
        }
        if (!scaling.equals(to.scaling)) {
            return Optional.of("its column scaling changed (the rows a scorer holds are in the old scaled units)");
        }
        if (!to.settings.online() && !detector.equals(to.detector)) {
            return Optional.of("its fitted detector changed (the raw scores a scorer holds are on the old detector's scale)");
        }
        return Optional.empty();
    }

    /** This basis as bytes (JSON), to keep beside a scorer's snapshot. */
    public byte[] encode() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new PrognosException("cannot write an adaptive basis: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The basis {@link #encode} wrote, by this version or an older one (its settings read as {@link AnomalyJson}
     * reads a payload's).
     *
     * @throws PrognosException when the bytes are not one
     */
    public static AdaptiveBasis decode(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            AnomalyJson.asServed(tree.path("settings"));   // settings kept before a field existed read as served
            return MAPPER.treeToValue(tree, AdaptiveBasis.class);
        } catch (IOException e) {
            throw new PrognosException("an unreadable adaptive basis: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of {@code part}'s JSON, in hex. */
    private static String digest(Object part) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(part)));
        } catch (JsonProcessingException e) {
            throw new PrognosException("cannot write an anomaly model's part: " + e.getOriginalMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
