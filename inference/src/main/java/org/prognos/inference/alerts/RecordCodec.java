package org.prognos.inference.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.prognos.inference.store.StoreException;
import org.prognos.live.alert.Alert;
import org.prognos.live.alert.AlertCodec;

/**
 * The binary values of the alert records ({@link AlertKeys} has their keys): a format byte, then the fields with
 * {@link java.io.DataOutput}'s encodings; times are epoch milliseconds. A change of a layout takes a new format byte:
 * 2 stores each alert driver's label ({@link AlertCodec#FORMAT}'s layout); 1, still read, stored none (its drivers
 * read labelled by their columns). The other records' layouts are the same in both.
 */
final class RecordCodec {
    private static final int FORMAT = 2;
    private static final int UNLABELLED_DRIVERS = 1;

    /**
     * An alert as stored under {@code a/{id}}.
     *
     * @param alert    the rule's alert (an open one as it opened; the tracker holds its peak so far)
     * @param openedAt when the service recorded the opening
     * @param closedAt when it recorded the closing
     */
    record StoredAlert(Alert alert, Instant openedAt, Optional<Instant> closedAt) {
    }

    private RecordCodec() {
    }

    static byte[] encode(StoredAlert s) {
        return bytes(out -> {
            AlertCodec.write(out, s.alert());
            out.writeLong(s.openedAt().toEpochMilli());
            writeInstant(out, s.closedAt());
        });
    }

    static StoredAlert decodeAlert(byte[] b) {
        return read(b, "alert record", (in, format) -> new StoredAlert(
                AlertCodec.readAlert(in, format == UNLABELLED_DRIVERS ? AlertCodec.UNLABELLED : AlertCodec.FORMAT),
                Instant.ofEpochMilli(in.readLong()), readInstant(in)));
    }

    static byte[] encode(Acknowledgement a) {
        return bytes(out -> {
            out.writeUTF(a.by());
            out.writeLong(a.at().toEpochMilli());
            writeText(out, a.note());
        });
    }

    static Acknowledgement decodeAck(byte[] b) {
        return read(b, "acknowledgement", (in, format) -> new Acknowledgement(in.readUTF(), Instant.ofEpochMilli(in.readLong()),
                readText(in)));
    }

    static byte[] encode(DeliveryStatus d) {
        return bytes(out -> {
            out.writeUTF(d.destination());
            out.writeByte(d.event().ordinal());
            out.writeByte(d.outcome().ordinal());
            out.writeInt(d.attempts());
            out.writeLong(d.at().toEpochMilli());
            writeText(out, d.error());
        });
    }

    static DeliveryStatus decodeDelivery(byte[] b) {
        return read(b, "delivery status", (in, format) -> new DeliveryStatus(in.readUTF(), AlertEvent.values()[in.readUnsignedByte()],
                DeliveryStatus.Outcome.values()[in.readUnsignedByte()], in.readInt(), Instant.ofEpochMilli(in.readLong()),
                readText(in)));
    }

    /** An outbox entry's value (its key is the record's key). */
    static byte[] encode(OutboxEntry e) {
        return bytes(out -> {
            AlertMessage m = e.message();
            out.writeUTF(e.destination());
            out.writeUTF(m.deliveryId());
            out.writeByte(m.event().ordinal());
            out.writeUTF(m.alertId());
            out.writeUTF(m.asset());
            out.writeUTF(m.model());
            out.writeBoolean(m.open());
            out.writeInt(e.attempts());
            byte[] body = m.body();
            out.writeInt(body.length);
            out.write(body);
        });
    }

    static OutboxEntry decodeOutbox(byte[] key, byte[] b) {
        return read(b, "outbox entry", (in, format) -> {
            String destination = in.readUTF();
            String deliveryId = in.readUTF();
            AlertEvent event = AlertEvent.values()[in.readUnsignedByte()];
            String alertId = in.readUTF();
            String asset = in.readUTF();
            String model = in.readUTF();
            boolean open = in.readBoolean();
            int attempts = in.readInt();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new OutboxEntry(AlertKeys.text(key), destination,
                    new AlertMessage(deliveryId, event, alertId, asset, model, open, body), attempts);
        });
    }

    private static void writeInstant(DataOutputStream out, Optional<Instant> t) throws IOException {
        out.writeBoolean(t.isPresent());
        out.writeLong(t.map(Instant::toEpochMilli).orElse(0L));
    }

    private static Optional<Instant> readInstant(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        long millis = in.readLong();
        return present ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }

    private static void writeText(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            out.writeUTF(s.get());
        }
    }

    private static Optional<String> readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T read(DataInputStream in, int format) throws IOException;
    }

    private static byte[] bytes(Writing w) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeByte(FORMAT);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return buf.toByteArray();
    }

    private static <T> T read(byte[] b, String what, Reading<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT && format != UNLABELLED_DRIVERS) {
                throw new IOException("unknown format " + format);
            }
            return r.read(in, format);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the state store holds an unreadable " + what + ": " + e.getMessage(), e);
        }
    }
}
