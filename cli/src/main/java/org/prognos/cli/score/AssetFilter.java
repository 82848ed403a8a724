package org.prognos.cli.score;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.FilteredTelemetry;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * The assets to score, from a list such as {@code 51-70} or {@code 3,7,pump-a} (a range {@code A-B} of whole numbers
 * names every asset id from A to B, as {@code split.testAssets} in a job config does). It passes on the readings of
 * those assets only and remembers which of them it saw, so a name the data does not have can be reported.
 */
public final class AssetFilter {
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private final Set<String> wanted;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private AssetFilter(Set<String> wanted) {
        this.wanted = Collections.unmodifiableSet(wanted);
    }

    /** Parses a comma-separated list of asset ids and ranges. */
    public static AssetFilter parse(String list) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            Matcher m = RANGE.matcher(p);
            if (m.matches()) {
                long from = Long.parseLong(m.group(1));
                long to = Long.parseLong(m.group(2));
                if (to < from || to - from >= 1_000_000) {
                    throw new InvalidSpecException("--assets: range '" + p + "' must go up, by fewer than a million ids");
                }
                for (long i = from; i <= to; i++) {
                    wanted.add(Long.toString(i));
                }
            } else if (!p.isEmpty()) {
                wanted.add(p);
            }
        }
        if (wanted.isEmpty()) {
            throw new InvalidSpecException("--assets: no asset in '" + list + "'; give ids or ranges such as 51-70 or 3,7,pump-a");
        }
        return new AssetFilter(wanted);
    }

    /** The assets asked for. */
    public Set<String> wanted() {
        return wanted;
    }

    /** {@code data} with the telemetry of the wanted assets only. */
    public Dataset apply(Dataset data) {
        TelemetrySource source = data.telemetry();
        TelemetrySource filtered = new FilteredTelemetry(source, source.name(), (asset, time) -> {
            if (!wanted.contains(asset)) {
                return false;
            }
            seen.add(asset);
            return true;
        });
        return new Dataset(filtered, data.events(), data.attributes());
    }

    /** Wanted assets that had no reading in the data read so far, in the order asked for. */
    public List<String> missing() {
        return wanted.stream().filter(a -> !seen.contains(a)).toList();
    }
}
