package org.prognos.inference;

import static org.prognos.inference.ConfigChecks.or;
import static org.prognos.inference.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code state} section of the service config: the bounds of the streaming per-asset state and where it is kept
 * durably. Its own file because it is the one section with a derived default (the memory budget follows the JVM's
 * heap) and a second meaning (memory only, or durable with journal and snapshots).
 *
 * @param maxAssets          most assets tracked at once (unbounded by default: the memory budget bounds them)
 * @param maxBytes           the memory budget of all asset states (default: 60 % of the JVM's maximum heap, about
 *                           1,000,000 Azure machines in an 8 GB heap): past it the least recently used asset
 *                           without an open alert is evicted
 * @param idleTimeoutSeconds an asset without readings for this long is evicted
 * @param sweepSeconds       how often idle assets are looked for
 * @param dataDir            the directory of the durable store (readings journal, asset snapshots, alerts); null
 *                           keeps state in memory only, lost on restart
 * @param snapshotEvery      an asset's state is snapshotted (and its journal truncated) after this many journal
 *                           entries (512)
 * @param checkpointSeconds  how often every asset changed since its last snapshot is snapshotted (30): a restart
 *                           replays at most this long a journal
 */
public record StateConfig(int maxAssets, long maxBytes, double idleTimeoutSeconds, double sweepSeconds, String dataDir,
                          int snapshotEvery, double checkpointSeconds) {
    /** The default memory budget: this share of the JVM's maximum heap. */
    public static final double DEFAULT_HEAP_SHARE = 0.6;
    /** The default memory budget, in bytes. */
    public static final long DEFAULT_MAX_BYTES = (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);

    public StateConfig {
        positive("state.maxAssets", maxAssets);
        positive("state.maxBytes", maxBytes);
        positive("state.idleTimeoutSeconds", idleTimeoutSeconds);
        positive("state.sweepSeconds", sweepSeconds);
        positive("state.snapshotEvery", snapshotEvery);
        positive("state.checkpointSeconds", checkpointSeconds);
    }

    /** Memory-only bounds (no data directory). */
    public StateConfig(int maxAssets, double idleTimeoutSeconds, double sweepSeconds) {
        this(maxAssets, DEFAULT_MAX_BYTES, idleTimeoutSeconds, sweepSeconds, null, 512, 30);
    }

    /** Bounds kept durably in {@code dataDir}, snapshotting every {@code snapshotEvery} entries. */
    public StateConfig(int maxAssets, double idleTimeoutSeconds, double sweepSeconds, String dataDir, int snapshotEvery,
                       double checkpointSeconds) {
        this(maxAssets, DEFAULT_MAX_BYTES, idleTimeoutSeconds, sweepSeconds, dataDir, snapshotEvery, checkpointSeconds);
    }

    @JsonCreator
    static StateConfig of(@JsonProperty("maxAssets") Integer maxAssets, @JsonProperty("maxBytes") Long maxBytes,
                          @JsonProperty("idleTimeoutSeconds") Double idle,
                          @JsonProperty("sweepSeconds") Double sweep, @JsonProperty("dataDir") String dataDir,
                          @JsonProperty("snapshotEvery") Integer snapshotEvery,
                          @JsonProperty("checkpointSeconds") Double checkpointSeconds) {
        StateConfig d = defaults();
        return new StateConfig(or(maxAssets, d.maxAssets), or(maxBytes, d.maxBytes), or(idle, d.idleTimeoutSeconds),
                or(sweep, d.sweepSeconds), dataDir, or(snapshotEvery, d.snapshotEvery), or(checkpointSeconds, d.checkpointSeconds));
    }

    public static StateConfig defaults() {
        return new StateConfig(Integer.MAX_VALUE, 48 * 3600, 60);
    }

    /** These bounds, kept durably in {@code dir} (null: memory only). */
    public StateConfig withDataDir(String dir) {
        return new StateConfig(maxAssets, maxBytes, idleTimeoutSeconds, sweepSeconds, dir, snapshotEvery, checkpointSeconds);
    }

    /** Whether state survives a restart. */
    public boolean durable() {
        return dataDir != null;
    }
}
