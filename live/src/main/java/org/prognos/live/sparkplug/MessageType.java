package org.prognos.live.sparkplug;

/**
 * The message types of Sparkplug B, the third level of a topic ({@code spBv1.0/{group}/{type}/...}). A host
 * application reads births, deaths and data; commands go the other way, and {@code STATE} is another host's.
 */
public enum MessageType {
    /** Birth certificate of an edge node: its metrics (names, aliases, types), bdSeq, and seq 0 of a session. */
    NBIRTH(false, true),
    /** Death certificate of an edge node (its MQTT will): carries bdSeq, no seq. */
    NDEATH(false, false),
    /** Data of an edge node's own metrics. */
    NDATA(false, true),
    /** A command to an edge node (rebirth, reboot, a metric write). */
    NCMD(false, false),
    /** Birth certificate of a device behind an edge node. */
    DBIRTH(true, true),
    /** Death certificate of a device. */
    DDEATH(true, true),
    /** Data of a device's metrics. */
    DDATA(true, true),
    /** A command to a device. */
    DCMD(true, false),
    /** A host application's online state ({@code spBv1.0/STATE/{host id}}, JSON, Sparkplug 3.0). */
    STATE(false, false);

    private final boolean deviceLevel;
    private final boolean sequenced;

    MessageType(boolean deviceLevel, boolean sequenced) {
        this.deviceLevel = deviceLevel;
        this.sequenced = sequenced;
    }

    /** Whether the topic names a device after the edge node ({@code DBIRTH}, {@code DDEATH}, {@code DDATA}, {@code DCMD}). */
    public boolean deviceLevel() {
        return deviceLevel;
    }

    /**
     * Whether an edge node numbers messages of this type with its payload {@code seq} (0..255, wrapping): births,
     * data and device deaths do; {@code NDEATH} is the broker's copy of a will registered earlier, so it cannot.
     */
    public boolean sequenced() {
        return sequenced;
    }
}
