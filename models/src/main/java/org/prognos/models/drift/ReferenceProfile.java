package org.prognos.models.drift;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import org.prognos.models.BundleFormatException;

/**
 * The training distribution of every input feature of a model, in the model's column order: what live inputs are
 * compared with. Immutable; stored in the bundle as {@value #FILE} (listed in the manifest with its digest, so a
 * signature covers it). Fitted by {@link ProfileFitter} from the training rows, after the spec's normalization: the
 * very vectors the model learned from.
 *
 * @param bins     the number of quantile bins the fitter aimed at (10: deciles); a feature with repeated quantiles has
 *                 fewer
 * @param rows     the number of training rows profiled
 * @param source   which rows, in words (provenance: "training rows of 20 assets before …")
 * @param features one profile per feature column, in the model's column order
 */
@JsonPropertyOrder({"bins", "rows", "source", "features"})
public record ReferenceProfile(int bins, long rows, String source, List<FeatureProfile> features) {
    /** The bundle file that holds the profile. */
    public static final String FILE = "profile.json";

    @JsonCreator
    public ReferenceProfile(@JsonProperty("bins") int bins, @JsonProperty("rows") long rows,
                            @JsonProperty("source") String source, @JsonProperty("features") List<FeatureProfile> features) {
        if (bins < 2) {
            throw new BundleFormatException("drift profile: 'bins' must be at least 2, found " + bins);
        }
        if (rows < 1) {
            throw new BundleFormatException("drift profile: needs at least one training row, found " + rows);
        }
        if (features == null || features.isEmpty()) {
            throw new BundleFormatException("drift profile: 'features' must list at least one feature");
        }
        this.bins = bins;
        this.rows = rows;
        this.source = source == null ? "" : source;
        this.features = List.copyOf(features);
        if (new HashSet<>(columns()).size() != this.features.size()) {
            throw new BundleFormatException("drift profile: a feature is profiled twice");
        }
    }

    /** The profiled feature columns, in order. */
    public List<String> columns() {
        return features.stream().map(FeatureProfile::name).toList();
    }

    /**
     * Checks that this profile describes {@code columns}, in that order (a bundle's manifest columns).
     *
     * @throws BundleFormatException naming the first difference
     */
    public ReferenceProfile requireColumns(List<String> columns) {
        if (!columns().equals(columns)) {
            throw new BundleFormatException("drift profile: profiles columns " + abbreviate(columns()) + " but the model reads "
                    + abbreviate(columns));
        }
        return this;
    }

    private static String abbreviate(List<String> c) {
        return c.size() <= 6 ? c.toString() : c.subList(0, 6) + " … (" + c.size() + ")";
    }
}
