package org.prognos.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.PrognosException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.training.data.SubsetTelemetry;

/**
 * Whole assets held out for test: assets the model, the fitted spec and the alarm threshold never saw. A job that
 * splits by asset records them in the bundle's {@code metrics.json} as {@value #FIELD}, beside the split in words,
 * so that {@code prognos evaluate --held-out} scores exactly them. A split by time (what it holds out is a period,
 * not assets) and a job with a separate test set record none; bundles trained before the field existed neither.
 *
 * @param assets the asset ids, in the order given
 */
public record HeldOutAssets(Set<String> assets) {
    /** The field of {@code metrics.json} that lists them. */
    public static final String FIELD = "testAssets";

    /** Nothing held out as whole assets. */
    public static final HeldOutAssets NONE = new HeldOutAssets(Set.of());

    public HeldOutAssets(Collection<String> assets) {
        this(Collections.unmodifiableSet(new LinkedHashSet<>(assets)));
    }

    public HeldOutAssets {
        assets = Collections.unmodifiableSet(new LinkedHashSet<>(assets));
    }

    /** Adds {@value #FIELD} to a job's metrics, in the fleet's asset order, unless nothing was held out as whole assets. */
    void writeTo(ObjectNode metrics) {
        if (!assets.isEmpty()) {
            ArrayNode list = metrics.putArray(FIELD);
            assets.stream().sorted(FeatureTable.ASSET_ORDER).forEach(list::add);
        }
    }

    /**
     * The assets {@code bundle} recorded as held out.
     *
     * @throws PrognosException when it recorded none, saying how it was split
     */
    public static HeldOutAssets of(LoadedBundle bundle) {
        JsonNode metrics = bundle.manifest().metrics();
        JsonNode list = metrics.path(FIELD);
        String ref = bundle.manifest().name() + ":" + bundle.manifest().version();
        if (!list.isArray() || list.isEmpty()) {
            throw new PrognosException(ref + " records no held-out assets (its split: "
                    + metrics.path("split").asText("not recorded") + "). Only a split by asset without a separate test"
                    + " set holds whole assets out; for a split by time evaluate on data after the cut, for a separate"
                    + " test set evaluate on that set, or list the assets in a file for --assets-file");
        }
        Set<String> assets = new LinkedHashSet<>();
        list.forEach(a -> assets.add(a.asText()));
        return new HeldOutAssets(assets);
    }

    /**
     * Asset ids listed in a text file, one a line; surrounding blanks are ignored, and so are empty lines and lines
     * starting with {@code #}.
     */
    public static HeldOutAssets listedIn(Path file) throws IOException {
        Set<String> assets = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                assets.add(id);
            }
        }
        if (assets.isEmpty()) {
            throw new PrognosException(file + " lists no asset ids (one a line expected)");
        }
        return new HeldOutAssets(assets);
    }

    /**
     * {@code data} limited to these assets (their events and attributes stay as they are: rows exist only where
     * readings do).
     *
     * @throws PrognosException when the data holds no reading of one of them: these are not the data the job split
     */
    public Dataset restrict(Dataset data, Consumer<String> log) throws IOException {
        Set<String> present = new HashSet<>();
        data.telemetry().forEach((asset, time, values) -> {
            if (assets.contains(asset)) {
                present.add(asset);
            }
        });
        List<String> missing = assets.stream().filter(a -> !present.contains(a)).toList();
        if (!missing.isEmpty()) {
            throw new PrognosException(String.format(Locale.ROOT, "%s holds no readings of %d of the %d held-out assets"
                            + " (%s%s): evaluate on the data the job was trained on", data.telemetry().name(), missing.size(),
                    assets.size(), String.join(", ", missing.subList(0, Math.min(5, missing.size()))),
                    missing.size() > 5 ? ", ..." : ""));
        }
        log.accept("limited to the " + assets.size() + " held-out assets");
        return new Dataset(SubsetTelemetry.assets(data.telemetry(), assets,
                data.telemetry().name() + " (" + assets.size() + " held-out assets)"), data.events(), data.attributes());
    }
}
