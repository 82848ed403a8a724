package org.prognos.inference.alerts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout of the alert records. In the ALERTS family, by prefix:
 * <ul>
 * <li>{@code a/{id}}: the alert (the rule's alert, when the service recorded its opening and closing);</li>
 * <li>{@code k/{id}}: its acknowledgement;</li>
 * <li>{@code d/{id}/{event}/{destination}}: where that event stands with that destination;</li>
 * <li>{@code i/{asset}\0{id}}: the asset's alerts (an index, empty values);</li>
 * <li>{@code t/{asset}\0{model}}: the tracker state of the asset by the model.</li>
 * </ul>
 * In the OUTBOX family, {@code {destination}\0{asset}\0{tick}{event}{id}}: an event waiting for a destination, where
 * {@code tick} is the data time of the change it reports (8 bytes, big-endian with the sign bit flipped, so unsigned
 * byte order is time order) and {@code event} one byte ({@link AlertEvent}'s order). A scan of one destination and
 * asset thus lists its events in the order they happened, which the outbox keeps. Names are UTF-8; asset and model
 * names hold no NUL.
 */
final class AlertKeys {
    static final byte[] ALERTS = bytes("a/");
    static final byte[] TRACKERS = bytes("t/");
    static final byte[] EVERYTHING = new byte[0];

    private AlertKeys() {
    }

    static byte[] alert(String id) {
        return bytes("a/" + id);
    }

    static byte[] ack(String id) {
        return bytes("k/" + id);
    }

    static byte[] deliveries(String id) {
        return bytes("d/" + id + "/");
    }

    static byte[] delivery(String id, AlertEvent event, String destination) {
        return bytes("d/" + id + "/" + event.label() + "/" + destination);
    }

    static byte[] assetIndex(String asset) {
        return bytes("i/" + asset + "\u0000");
    }

    static byte[] assetIndex(String asset, String id) {
        return bytes("i/" + asset + "\u0000" + id);
    }

    /** The alert id an asset-index key ends with. */
    static String idOfIndex(byte[] key) {
        int nul = indexOf(key, 0, 0);
        return new String(key, nul + 1, key.length - nul - 1, StandardCharsets.UTF_8);
    }

    static byte[] tracker(String asset, String model) {
        return bytes("t/" + asset + "\u0000" + model);
    }

    static byte[] outbox(String destination, String asset, long tick, AlertEvent event, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.writeBytes(bytes(destination + "\u0000" + asset + "\u0000"));
        long sortable = tick ^ Long.MIN_VALUE;
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (sortable >>> shift));
        }
        out.write(event.ordinal());
        out.writeBytes(bytes(id));
        return out.toByteArray();
    }

    /** The lane of an outbox key: its destination and asset, as text whose order is the bytes' order. */
    static String lane(byte[] outboxKey) {
        int second = indexOf(outboxKey, 0, indexOf(outboxKey, 0, 0) + 1);
        return text(Arrays.copyOf(outboxKey, second + 1));
    }

    /** A key as ISO-8859-1 text: one char per byte, ordered like the bytes (unsigned). */
    static String text(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    /** The key {@link #text} gave. */
    static byte[] key(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] key, int b, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an alert key: no separator after byte " + from);
    }
}
