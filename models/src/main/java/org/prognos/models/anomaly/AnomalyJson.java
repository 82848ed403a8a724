package org.prognos.models.anomaly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

/**
 * Reads and writes {@link AnomalyModel}s as JSON, strictly (unknown fields are errors; detector families are
 * names, not classes). Doubles are written in their shortest exact form, so a model reads back bit for bit.
 *
 * <p>A payload written before {@code "scoring"} existed has no such field; it reads as
 * {@code {"mode": "static"}}, the only way such a model was ever served; adaptive settings written before
 * {@code "warmUp"} existed read with a warm-up of 0, again as they were served, and those written before
 * {@code "warmUpTicks"} (a warm-up in time) existed with none in time, and those written before {@code "context"}
 * (the contextual member) existed without one, and those written before {@code "forecast"} (the forecast member)
 * existed without one, and those written before {@code "stuck"} (the stuck-value check) existed without one, and a
 * member written before {@code "range"} (a declared range)
 * existed with a learned range, and one written before {@code "bins"} (open bins) with a widening range; settings
 * without {@code "learnScaling"} (written before it existed, or with it off, which omits it) learn no scaling; a payload
 * without {@code "assetScaling"} (written before per-asset scaling existed, or by a fleet-scaled model, which omits
 * it) has every asset on the fleet's scaling, and one without {@code "assetDetectors"} (written before per-asset
 * detectors existed, or by a model whose detector is the fleet's, which omits it) every asset on the fleet's detector.
 * Every other
 * field stays required. An absent member or declared range is not written (payloads written before 2026-12-06 wrote
 * them as {@code null}, which reads the same).
 */
public final class AnomalyJson {
    private static final ObjectMapper MAPPER = ManifestJson.mapper();   // the bundle files' strict mapper
    private static final String SCORING = "scoring";
    private static final String SETTINGS = "settings";
    private static final String WARM_UP = "warmUp";
    private static final String WARM_UP_TICKS = "warmUpTicks";
    private static final String CONTEXT = "context";
    private static final String LEARN_SCALING = "learnScaling";
    private static final String FORECAST = "forecast";
    private static final String STUCK = "stuck";
    private static final String RANGE = "range";
    private static final String BINS = "bins";
    private static final String ASSET_SCALING = "assetScaling";
    private static final String ASSET_DETECTORS = "assetDetectors";

    private AnomalyJson() {
    }

    public static String write(AnomalyModel model) {
        try {
            return MAPPER.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write anomaly model: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Fills in, in adaptive settings' JSON ({@code settings}), the fields written before they existed, with the value
     * such settings were served with; anything but an object is left alone (the binding then names what is wrong).
     * Shared by the payload and {@link AdaptiveBasis#decode}, so that a basis kept beside an older snapshot reads too.
     */
    static void asServed(JsonNode settings) {
        if (!(settings instanceof ObjectNode o)) {
            return;
        }
        if (!o.has(WARM_UP)) {
            o.put(WARM_UP, 0);
        }
        if (!o.has(WARM_UP_TICKS)) {
            o.put(WARM_UP_TICKS, 0);
        }
        if (!o.has(LEARN_SCALING)) {
            o.put(LEARN_SCALING, false);   // written only when on, and never before it existed
        }
        if (!o.has(CONTEXT)) {
            o.putNull(CONTEXT);   // no contextual member: none is written, and none existed before
        }
        if (!o.has(FORECAST)) {
            o.putNull(FORECAST);   // no forecast member: none is written, and none existed before
        }
        if (!o.has(STUCK)) {
            o.putNull(STUCK);   // no stuck-value check: none is written, and none existed before
        }
        if (o.get(CONTEXT) instanceof ObjectNode member && !member.has(RANGE)) {
            member.putNull(RANGE);   // a learned range: none is written, the only kind before a declared one
        }
        if (o.get(CONTEXT) instanceof ObjectNode member && !member.has(BINS)) {
            member.put(BINS, ContextMember.Bins.WIDENING.name());   // the only kind before open bins
        }
    }

    public static AnomalyModel parse(byte[] json, String source) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree instanceof ObjectNode o && !o.has(SCORING)) {
                o.putObject(SCORING).put("mode", AnomalyScoring.STATIC.mode());
            }
            if (tree instanceof ObjectNode o && !o.has(ASSET_SCALING)) {
                o.putObject(ASSET_SCALING);   // the fleet's scaling for every asset: written only when not empty
            }
            if (tree instanceof ObjectNode o && !o.has(ASSET_DETECTORS)) {
                o.putObject(ASSET_DETECTORS);   // the fleet's detector for every asset: written only when not empty
            }
            asServed(tree.path(SCORING).path(SETTINGS));
            return MAPPER.treeToValue(tree, AnomalyModel.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(source + ": not an anomaly model: " + ManifestJson.reason(e), e);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
