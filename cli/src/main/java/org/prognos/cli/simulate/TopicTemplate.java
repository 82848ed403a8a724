package org.prognos.cli.simulate;

import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * The topic a device publishes on, with {@code {asset}} standing for its asset id: {@code fleet/{asset}/telemetry}
 * by default. Literal text around it is kept, so {@code fleet/machine-{asset}/telemetry} names Azure's machine
 * {@code 7} {@code machine-7}. Wildcards ({@code +}, {@code #}) cannot appear in a topic one publishes on.
 *
 * @param template the topic with one or more {@code {asset}}
 */
public record TopicTemplate(String template) {
    /** The placeholder replaced by the asset id. */
    public static final String ASSET = "{asset}";
    /** Where the simulator publishes unless told otherwise. */
    public static final TopicTemplate DEFAULT = new TopicTemplate("fleet/{asset}/telemetry");

    public TopicTemplate {
        Objects.requireNonNull(template, "template");
        if (!template.contains(ASSET)) {
            throw new InvalidSpecException("--topic: '" + template + "' does not name the asset; write {asset} where it goes,"
                    + " e.g. fleet/{asset}/telemetry");
        }
        if (template.indexOf('+') >= 0 || template.indexOf('#') >= 0 || template.indexOf('\0') >= 0) {
            throw new InvalidSpecException("--topic: '" + template + "' holds a wildcard (+ or #); one publishes on a plain topic");
        }
    }

    /**
     * The topic of one asset.
     *
     * @throws InvalidSpecException when the asset id cannot be one topic level (it holds {@code /}, {@code +},
     *                              {@code #}, or is empty)
     */
    public String topic(String asset) {
        if (asset.isEmpty() || asset.indexOf('/') >= 0 || asset.indexOf('+') >= 0 || asset.indexOf('#') >= 0
                || asset.indexOf('\0') >= 0) {
            throw new InvalidSpecException("asset '" + asset + "' cannot be one topic level of " + template
                    + " (it is empty or holds /, + or #)");
        }
        return template.replace(ASSET, asset);
    }

    /**
     * The topic level that names an asset: the (first) level holding {@code {asset}}, filled, as a subscriber whose
     * template has {@code {asset}} at that level reads the asset id. {@code fleet/machine-{asset}/telemetry} names
     * asset {@code 7} {@code machine-7}; the default template names it {@code 7}. What Sparkplug B calls the device.
     *
     * @throws InvalidSpecException as {@link #topic} does
     */
    public String assetLevel(String asset) {
        String[] levels = topic(asset).split("/", -1);
        String[] templateLevels = template.split("/", -1);
        for (int i = 0; i < templateLevels.length; i++) {
            if (templateLevels[i].contains(ASSET)) {
                return levels[i];
            }
        }
        throw new IllegalStateException("no " + ASSET + " in " + template);   // the constructor requires one
    }
}
