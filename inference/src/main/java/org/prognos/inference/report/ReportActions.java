package org.prognos.inference.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.models.runtime.RiskBand;

/**
 * The report's action table: what to do and how soon, per risk band, and per component for an alarm that names one.
 * {@link #defaults()} says what Prognos suggests; {@code prognos report --actions FILE} reads a YAML file's
 * {@code report:} section (format in inference/REPORT.md) over them, band by band. In an action's text,
 * {@code {component}} is the component at risk ("the asset" when the model names none) and {@code {horizon}} the
 * model's horizon ("7d") or, for a RUL model, its predicted remaining life.
 *
 * @param bands      an action for every band
 * @param components actions that replace an alarm band's (high, critical) when the model names that component
 */
public record ReportActions(Map<RiskBand, Action> bands, Map<String, Action> components) {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

    public ReportActions {
        bands = new EnumMap<>(bands);
        for (RiskBand b : RiskBand.values()) {
            if (!bands.containsKey(b)) {
                throw new IllegalArgumentException("no action for band " + b.label());
            }
        }
        bands = Collections.unmodifiableMap(bands);
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Prognos's suggestions: nothing for low, look at the next inspection for watch, plan or act on an alarm. */
    public static ReportActions defaults() {
        Map<RiskBand, Action> b = new EnumMap<>(RiskBand.class);
        b.put(RiskBand.LOW, new Action("no action", ""));
        b.put(RiskBand.WATCH, new Action("check {component} at the next routine inspection", "next inspection"));
        b.put(RiskBand.HIGH, new Action("plan maintenance of {component}", "within {horizon}"));
        b.put(RiskBand.CRITICAL, new Action("inspect {component} now and replace it if worn", "now"));
        return new ReportActions(b, Map.of());
    }

    /**
     * The defaults overridden by {@code file}'s {@code report:} section: {@code actions} (by band name) and
     * {@code components} (by component), each entry {@code {action: TEXT, leadTime: TEXT}}.
     *
     * @throws PrognosException naming the file and the entry when it cannot be read or names an unknown band
     */
    public static ReportActions read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new PrognosException("cannot read the report's actions from " + file + ": " + e.getMessage(), e);
        }
        JsonNode report = root == null ? null : root.get("report");
        if (report == null || !report.isObject()) {
            throw new PrognosException(file + " has no 'report:' section (expected report: {actions: …, components: …})");
        }
        ReportActions d = defaults();
        Map<RiskBand, Action> bands = new EnumMap<>(d.bands());
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("actions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            RiskBand band = band(file, e.getKey());
            bands.put(band, action(file, "report.actions." + e.getKey(), e.getValue(), bands.get(band)));
        }
        Map<String, Action> components = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("components").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            components.put(e.getKey(), action(file, "report.components." + e.getKey(), e.getValue(),
                    new Action("", "")));
        }
        return new ReportActions(bands, components);
    }

    /**
     * The action for an asset in {@code band}: the component's own when the band is an alarm and the model names a
     * component that has one, else the band's; placeholders filled in.
     */
    public Action forAsset(RiskBand band, Optional<String> component, String horizon) {
        Action a = band.alarm() && component.isPresent() && components.containsKey(component.get())
                ? components.get(component.get()) : bands.get(band);
        Action named = a.forComponent(component.orElse("the asset"));
        return new Action(named.action().replace("{horizon}", horizon), named.leadTime().replace("{horizon}", horizon));
    }

    private static RiskBand band(Path file, String name) {
        try {
            return RiskBand.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PrognosException(file + ": report.actions." + name + " is not a band; bands are low, watch, high, critical");
        }
    }

    private static Action action(Path file, String where, JsonNode node, Action fallback) {
        if (!node.isObject()) {
            throw new PrognosException(file + ": " + where + " must be {action: TEXT, leadTime: TEXT}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("action") && !key.equals("leadTime")) {
                throw new PrognosException(file + ": " + where + "." + key + " is not a field; fields are action, leadTime");
            }
        }
        String action = node.hasNonNull("action") ? node.get("action").asText() : fallback.action();
        if (action.isBlank()) {
            throw new PrognosException(file + ": " + where + ".action is required");
        }
        return new Action(action, node.hasNonNull("leadTime") ? node.get("leadTime").asText() : fallback.leadTime());
    }
}
