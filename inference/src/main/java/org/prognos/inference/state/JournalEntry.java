package org.prognos.inference.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;

/**
 * One applied window as the journal keeps it: what replaying it after a crash needs (the model and spec it was read
 * for, the message fingerprint that de-duplicates a redelivery, attributes, readings and events), in a compact binary
 * form (doubles as raw bits, so a replay is exact). Keys order entries by asset, then sequence number.
 *
 * @param fingerprint the message's fingerprint (0: none, as for HTTP)
 * @param model       the model the asset follows
 * @param specHash    the feature spec the window was applied with; a replay under another spec skips it
 * @param attributes  the asset's attributes (applied only when its state is created)
 * @param times       reading times
 * @param values      row-major values
 * @param events      events
 */
record JournalEntry(long fingerprint, String model, String specHash, Map<String, String> attributes, long[] times,
                    double[] values, List<Event> events) {
    private static final byte FORMAT = 1;
    private static final byte SEPARATOR = 0;

    /** The entry of a window applied to {@code asset}. */
    static JournalEntry of(long fingerprint, String model, String specHash, ReadingWindow w) {
        return new JournalEntry(fingerprint, model, specHash, w.attributes(), w.times(), w.values(), w.events());
    }

    /** The window this entry applies, on {@code schema} (the caller checked the spec hash). */
    ReadingWindow window(String asset, WindowSchema schema) {
        return new ReadingWindow(schema, Optional.of(asset), times, values, events, attributes, OptionalLong.empty(), List.of());
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + times.length * 8 + values.length * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(fingerprint);
            out.writeUTF(model);
            out.writeUTF(specHash);
            out.writeInt(attributes.size());
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                out.writeUTF(a.getKey());
                out.writeUTF(a.getValue());
            }
            out.writeInt(times.length);
            out.writeInt(values.length);
            for (long t : times) {
                out.writeLong(t);
            }
            for (double v : values) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            out.writeInt(events.size());
            for (Event e : events) {
                out.writeLong(e.time());
                out.writeByte(e.kind().ordinal());
                out.writeUTF(e.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes an entry of {@code asset}.
     *
     * @throws IOException when the bytes are not an entry of this format
     */
    static JournalEntry decode(String asset, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("journal entry format " + format + ", this build reads " + FORMAT);
        }
        long fingerprint = in.readLong();
        String model = in.readUTF();
        String specHash = in.readUTF();
        int na = in.readInt();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < na; i++) {
            attributes.put(in.readUTF(), in.readUTF());
        }
        long[] times = new long[in.readInt()];
        double[] values = new double[in.readInt()];
        for (int i = 0; i < times.length; i++) {
            times[i] = in.readLong();
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
        int ne = in.readInt();
        List<Event> events = new ArrayList<>(ne);
        EventKind[] kinds = EventKind.values();
        for (int i = 0; i < ne; i++) {
            long t = in.readLong();
            EventKind kind = kinds[in.readByte()];
            events.add(new Event(asset, t, kind, in.readUTF()));
        }
        return new JournalEntry(fingerprint, model, specHash, attributes, times, values, events);
    }

    /** The key of {@code asset}'s entry number {@code seq}: the asset's id, a zero byte, the number big-endian. */
    static byte[] key(String asset, long seq) {
        byte[] a = asset.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(a.length + 9).put(a).put(SEPARATOR).putLong(seq).array();
    }

    /** The prefix of every entry of {@code asset}. */
    static byte[] prefix(String asset) {
        byte[] a = asset.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(a.length + 1).put(a).put(SEPARATOR).array();
    }

    /** The asset of a key. */
    static String asset(byte[] key) {
        return new String(key, 0, key.length - 9, StandardCharsets.UTF_8);
    }

    /** The sequence number of a key. */
    static long seq(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }
}
