package org.prognos.features.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a reader does with imperfect data: missing values, repeated or backward timestamps, and events of
 * assets nobody has heard of. Every reader of this package takes one; {@link #defaults()} is lenient where
 * the repair is lossless or obvious and strict where silently repairing would hide a broken export.
 *
 * <p>Duplicate and order checks are per asset and remember only the last time of each asset, so memory grows
 * with the number of assets, never with the file ({@link Duplicates#KEEP_LAST} holds back one reading per
 * asset until a later time proves it was the last of its time).
 *
 * @param missingValues what an empty, {@code NaN}, {@code NA} or {@code null} cell becomes
 * @param duplicates    what happens when an asset has two readings at the same time
 * @param outOfOrder    what happens when an asset's reading is older than its previous one
 * @param unknownAssets what happens to an event whose asset is not among the known assets
 */
public record ReadPolicy(MissingValues missingValues, Duplicates duplicates, OutOfOrder outOfOrder,
                         UnknownAssets unknownAssets) {

    /** Missing values in telemetry. */
    public enum MissingValues {
        /** Default. The value is {@code NaN}; feature code treats {@code NaN} as missing. */
        KEEP_NAN,
        /** The read fails, naming the file, line and column of the first missing value. */
        FAIL,
        /**
         * The value is the last value read for the same asset and channel; it stays {@code NaN} until that
         * channel has had a value. Right for slowly sampled channels written in a merged table.
         */
        CARRY_FORWARD
    }

    /** Two readings of one asset with the same time. */
    public enum Duplicates {
        /** The read fails, naming both lines. */
        FAIL,
        /** Default. The first reading is kept, later ones of the same time are dropped. */
        KEEP_FIRST,
        /** The last reading is kept (the reader holds one reading per asset back until the time moves on). */
        KEEP_LAST
    }

    /** A reading of one asset older than that asset's previous reading. */
    public enum OutOfOrder {
        /** Default. The read fails: streaming features need time order, and a sort would need the whole file. */
        FAIL,
        /** The late reading is dropped; readings after it are compared with the last kept time. */
        DROP
    }

    /** An event whose asset has no telemetry or attributes (as passed by the caller). */
    public enum UnknownAssets {
        /** Default. The event is dropped: it can never be matched to telemetry. */
        IGNORE,
        /** The read fails, naming the event's file, line and asset. */
        FAIL
    }

    public ReadPolicy {
        Objects.requireNonNull(missingValues, "missingValues");
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(outOfOrder, "outOfOrder");
        Objects.requireNonNull(unknownAssets, "unknownAssets");
    }

    /** KEEP_NAN, KEEP_FIRST, FAIL on out-of-order rows, IGNORE events of unknown assets. */
    public static ReadPolicy defaults() {
        return new ReadPolicy(MissingValues.KEEP_NAN, Duplicates.KEEP_FIRST, OutOfOrder.FAIL, UnknownAssets.IGNORE);
    }

    /**
     * A dataset descriptor's {@code policy}: each choice left out keeps its default, so
     * {@code {"missingValues": "CARRY_FORWARD"}} changes one thing.
     */
    @JsonCreator
    static ReadPolicy fromJson(@JsonProperty("missingValues") MissingValues missingValues,
                               @JsonProperty("duplicates") Duplicates duplicates,
                               @JsonProperty("outOfOrder") OutOfOrder outOfOrder,
                               @JsonProperty("unknownAssets") UnknownAssets unknownAssets) {
        ReadPolicy d = defaults();
        return new ReadPolicy(missingValues == null ? d.missingValues() : missingValues,
                duplicates == null ? d.duplicates() : duplicates, outOfOrder == null ? d.outOfOrder() : outOfOrder,
                unknownAssets == null ? d.unknownAssets() : unknownAssets);
    }

    /** Every imperfection fails the read: for validating an export. */
    public static ReadPolicy strict() {
        return new ReadPolicy(MissingValues.FAIL, Duplicates.FAIL, OutOfOrder.FAIL, UnknownAssets.FAIL);
    }

    public ReadPolicy withMissingValues(MissingValues policy) {
        return new ReadPolicy(policy, duplicates, outOfOrder, unknownAssets);
    }

    public ReadPolicy withDuplicates(Duplicates policy) {
        return new ReadPolicy(missingValues, policy, outOfOrder, unknownAssets);
    }

    public ReadPolicy withOutOfOrder(OutOfOrder policy) {
        return new ReadPolicy(missingValues, duplicates, policy, unknownAssets);
    }

    public ReadPolicy withUnknownAssets(UnknownAssets policy) {
        return new ReadPolicy(missingValues, duplicates, outOfOrder, policy);
    }

    /** The policy as ordered name/value pairs, for a model's provenance. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("missingValues", missingValues.name());
        m.put("duplicates", duplicates.name());
        m.put("outOfOrder", outOfOrder.name());
        m.put("unknownAssets", unknownAssets.name());
        return Collections.unmodifiableMap(m);
    }
}
