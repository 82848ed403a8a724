package org.prognos.live.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prognos.PrognosException;

/**
 * A topic template such as {@code fleet/{asset}/telemetry}: levels separated by {@code /}, each literal, {@code +}
 * (any one level) or {@code {asset}} (any one level, the asset id; at most once), and optionally a last {@code #}
 * (any remaining levels). Without {@code {asset}} the template only filters (Sparkplug B topics name their devices
 * themselves).
 */
public final class TopicTemplate {
    private static final String ASSET = "{asset}";

    private final String template;
    private final String[] levels;
    private final int assetLevel;
    private final boolean multiLevel;

    private TopicTemplate(String template, String[] levels, int assetLevel, boolean multiLevel) {
        this.template = template;
        this.levels = levels;
        this.assetLevel = assetLevel;
        this.multiLevel = multiLevel;
    }

    /**
     * Parses a template.
     *
     * @throws PrognosException naming the problem: empty levels' wildcards mixed with text, {@code {asset}} twice,
     *                          {@code #} not last
     */
    public static TopicTemplate parse(String template) {
        if (template == null || template.isEmpty()) {
            throw new PrognosException("topic template is empty; write one like fleet/{asset}/telemetry");
        }
        String[] levels = template.split("/", -1);
        int asset = -1;
        boolean multi = false;
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.equals(ASSET)) {
                if (asset >= 0) {
                    throw new PrognosException("topic template '" + template + "' names {asset} twice");
                }
                asset = i;
            } else if (l.equals("#")) {
                if (i != levels.length - 1) {
                    throw new PrognosException("topic template '" + template + "': # must be the last level");
                }
                multi = true;
            } else if (l.contains("+") && !l.equals("+") || l.contains("#") || l.contains("{") || l.contains("}")) {
                throw new PrognosException("topic template '" + template + "': level '" + l + "' mixes a wildcard or a"
                        + " placeholder with text; a level is literal, +, # or {asset}");
            }
        }
        return new TopicTemplate(template, levels, asset, multi);
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** Whether the template names the asset. */
    public boolean namesAsset() {
        return assetLevel >= 0;
    }

    /** The MQTT subscription filter: {@code {asset}} becomes {@code +}. */
    public String filter() {
        List<String> out = new ArrayList<>(levels.length);
        for (int i = 0; i < levels.length; i++) {
            out.add(i == assetLevel ? "+" : levels[i]);
        }
        return String.join("/", out);
    }

    /**
     * Whether {@code topic} matches, and its asset: empty when it does not match; present with an empty string when it
     * matches a template without {@code {asset}}.
     */
    public Optional<String> match(String topic) {
        String asset = "";
        int level = 0;
        int start = 0;
        int n = topic.length();
        while (true) {
            int end = topic.indexOf('/', start);
            String l = end < 0 ? topic.substring(start) : topic.substring(start, end);
            if (level >= levels.length) {
                return Optional.empty();
            }
            String want = levels[level];
            if (want.equals("#")) {
                return Optional.of(asset);
            }
            if (level == assetLevel) {
                if (l.isEmpty()) {
                    return Optional.empty();
                }
                asset = l;
            } else if (!want.equals("+") && !want.equals(l)) {
                return Optional.empty();
            }
            level++;
            if (end < 0 || end == n) {
                break;
            }
            start = end + 1;
        }
        boolean whole = level == levels.length || level == levels.length - 1 && multiLevel;
        return whole ? Optional.of(asset) : Optional.empty();
    }

    /** The topic of {@code asset} (a template without wildcards other than {@code {asset}}). */
    public String topicOf(String asset) {
        List<String> out = new ArrayList<>(levels.length);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (i != assetLevel && (l.equals("+") || l.equals("#"))) {
                throw new PrognosException("topic template '" + template + "' has wildcards; it cannot name one topic");
            }
            out.add(i == assetLevel ? asset : l);
        }
        return String.join("/", out);
    }

    @Override
    public String toString() {
        return template;
    }
}
