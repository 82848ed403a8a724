package org.prognos.live.sparkplug;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Sparkplug ids name Prognos assets: a template for a device's asset and one for an edge node's own metrics,
 * with the placeholders {@code {group}}, {@code {node}} and {@code {device}} (the node template has no device).
 * By default a device is the asset named by its device id ({@code {device}}) and an edge node that has metrics of its
 * own is the asset named by its node id ({@code {node}}); fleets whose device ids repeat across nodes or groups use
 * {@code {group}/{node}/{device}} or similar.
 *
 * @param deviceTemplate the asset id of device {@code {device}} behind edge node {@code {node}} in group {@code {group}}
 * @param nodeTemplate   the asset id of edge node {@code {node}} in group {@code {group}}, for its own metrics
 */
public record AssetMapping(String deviceTemplate, String nodeTemplate) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    /** Device {@code {device}}, node {@code {node}}. */
    public static final AssetMapping DEFAULT = new AssetMapping("{device}", "{node}");

    /** @throws IllegalArgumentException when a template is blank or holds a placeholder it cannot fill */
    public AssetMapping {
        check(Objects.requireNonNull(deviceTemplate, "deviceTemplate"), true);
        check(Objects.requireNonNull(nodeTemplate, "nodeTemplate"), false);
    }

    private static void check(String template, boolean device) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("an asset template must not be blank");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            boolean known = name.equals("group") || name.equals("node") || (device && name.equals("device"));
            if (!known) {
                throw new IllegalArgumentException("asset template '" + template + "': unknown placeholder {" + name
                        + "}; use {group}, {node}" + (device ? " or {device}" : " (a node has no {device})"));
            }
        }
    }

    /** The asset id of {@code device} behind {@code node} in {@code group}. */
    public String device(String group, String node, String device) {
        return fill(deviceTemplate, group, node, device);
    }

    /** The asset id of edge node {@code node} in {@code group}. */
    public String node(String group, String node) {
        return fill(nodeTemplate, group, node, "");
    }

    /** One pass over the template, so an id that itself holds "{node}" is not filled again. */
    private static String fill(String template, String group, String node, String device) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "group" -> group;
            case "node" -> node;
            default -> device;
        }));
    }
}
