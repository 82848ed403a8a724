package org.prognos.live.alert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The compact binary form of alerts and tracker states (a few hundred bytes): a format byte, then fields in
 * declaration order with {@link DataOutput}'s encodings (big-endian numbers, modified UTF-8 strings), a presence
 * byte before each optional field and a tag before each {@link Outlook}. Stores keep these bytes; any change of the
 * layout takes a new format byte, and older bytes keep decoding (format 1, before drivers had labels, reads each
 * driver labelled by its column).
 */
public final class AlertCodec {
    /** The layout written now: 2 writes each driver's label after its column. */
    public static final int FORMAT = 2;
    /** The first layout (drivers without labels), still read: a driver's label is then its column. */
    public static final int UNLABELLED = 1;
    private static final int FAILURE = 1;
    private static final int REMAINING_LIFE = 2;
    private static final int ANOMALY = 3;

    private AlertCodec() {
    }

    /** A tracker state's bytes. */
    public static byte[] encode(AlertTracker.State s) {
        return bytes(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(s.asset());
            out.writeUTF(s.model());
            out.writeBoolean(s.lastTick().isPresent());
            out.writeLong(s.lastTick().orElse(0));
            out.writeInt(s.run());
            out.writeBoolean(s.runStart().isPresent());
            if (s.runStart().isPresent()) {
                writeTime(out, s.runStart().get());
            }
            out.writeBoolean(s.open().isPresent());
            if (s.open().isPresent()) {
                write(out, s.open().get());
            }
        });
    }

    /** The tracker state {@link #encode(AlertTracker.State)} wrote. */
    public static AlertTracker.State decodeState(byte[] bytes) {
        return read(bytes, "alert tracker state", in -> {
            int layout = format(in);
            String asset = in.readUTF();
            String model = in.readUTF();
            boolean hasLast = in.readBoolean();
            long last = in.readLong();
            int run = in.readInt();
            Optional<DataTime> runStart = in.readBoolean() ? Optional.of(readTime(in)) : Optional.empty();
            Optional<Alert> open = in.readBoolean() ? Optional.of(readAlert(in, layout)) : Optional.empty();
            return new AlertTracker.State(asset, model, hasLast ? OptionalLong.of(last) : OptionalLong.empty(), run,
                    runStart, open);
        });
    }

    /** An alert's bytes. */
    public static byte[] encode(Alert a) {
        return bytes(out -> {
            out.writeByte(FORMAT);
            write(out, a);
        });
    }

    /** The alert {@link #encode(Alert)} wrote. */
    public static Alert decodeAlert(byte[] bytes) {
        return read(bytes, "alert", in -> readAlert(in, format(in)));
    }

    /** Writes an alert into a larger record (no format byte: the record has its own). */
    public static void write(DataOutput out, Alert a) throws IOException {
        out.writeUTF(a.id());
        out.writeUTF(a.asset());
        out.writeUTF(a.model());
        out.writeInt(a.modelVersion());
        out.writeByte(a.direction().ordinal());   // the enum's order is part of the format: append constants only
        out.writeDouble(a.threshold());
        out.writeDouble(a.value());
        out.writeDouble(a.peak());
        out.writeBoolean(a.component().isPresent());
        if (a.component().isPresent()) {
            out.writeUTF(a.component().get());
        }
        out.writeInt(a.drivers().size());
        for (Driver d : a.drivers()) {
            out.writeUTF(d.feature());
            out.writeUTF(d.label());
            out.writeDouble(d.contribution());
        }
        writeOutlook(out, a.outlook());
        writeTime(out, a.firstBeyond());
        writeTime(out, a.opened());
        out.writeBoolean(a.closed().isPresent());
        if (a.closed().isPresent()) {
            writeTime(out, a.closed().get());
        }
    }

    /** Reads what {@link #write(DataOutput, Alert)} wrote. */
    public static Alert readAlert(DataInput in) throws IOException {
        return readAlert(in, FORMAT);
    }

    /**
     * Reads what {@link #write(DataOutput, Alert)} wrote in {@code layout}: a record written before drivers had labels
     * ({@link #UNLABELLED}) passes that, and its drivers are labelled by their columns.
     */
    public static Alert readAlert(DataInput in, int layout) throws IOException {
        String id = in.readUTF();
        String asset = in.readUTF();
        String model = in.readUTF();
        int version = in.readInt();
        int dir = in.readUnsignedByte();
        if (dir >= Direction.values().length) {
            throw new IOException("unknown direction code " + dir);
        }
        double threshold = in.readDouble();
        double value = in.readDouble();
        double peak = in.readDouble();
        Optional<String> component = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
        int n = count(in);
        List<Driver> drivers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String feature = in.readUTF();
            drivers.add(layout == UNLABELLED ? Driver.unlabelled(feature, in.readDouble())
                    : new Driver(feature, in.readUTF(), in.readDouble()));
        }
        Outlook outlook = readOutlook(in);
        DataTime first = readTime(in);
        DataTime opened = readTime(in);
        Optional<DataTime> closed = in.readBoolean() ? Optional.of(readTime(in)) : Optional.empty();
        return new Alert(id, asset, model, version, Direction.values()[dir], threshold, value, peak, component, drivers,
                outlook, first, opened, closed);
    }

    private static void writeOutlook(DataOutput out, Outlook o) throws IOException {
        if (o instanceof Outlook.Failure f) {
            out.writeByte(FAILURE);
            out.writeUTF(f.horizon());
            out.writeDouble(f.probability());
            out.writeInt(f.byComponent().size());
            for (Map.Entry<String, Double> e : f.byComponent().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
        } else if (o instanceof Outlook.RemainingLife r) {
            out.writeByte(REMAINING_LIFE);
            out.writeDouble(r.value());
            out.writeUTF(r.unit());
        } else if (o instanceof Outlook.Anomaly a) {
            out.writeByte(ANOMALY);
            out.writeDouble(a.score());
        }
    }

    private static Outlook readOutlook(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == FAILURE) {
            String horizon = in.readUTF();
            double p = in.readDouble();
            int n = count(in);
            Map<String, Double> byComponent = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                byComponent.put(in.readUTF(), in.readDouble());
            }
            return new Outlook.Failure(horizon, p, byComponent);
        }
        if (tag == REMAINING_LIFE) {
            return new Outlook.RemainingLife(in.readDouble(), in.readUTF());
        }
        if (tag == ANOMALY) {
            return new Outlook.Anomaly(in.readDouble());
        }
        throw new IOException("unknown outlook tag " + tag);
    }

    private static void writeTime(DataOutput out, DataTime t) throws IOException {
        out.writeLong(t.tick());
        out.writeUTF(t.text());
    }

    private static DataTime readTime(DataInput in) throws IOException {
        return new DataTime(in.readLong(), in.readUTF());
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 65_536) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    private static int format(DataInput in) throws IOException {
        int f = in.readUnsignedByte();
        if (f != FORMAT && f != UNLABELLED) {
            throw new IOException("unknown format " + f + " (this version reads formats " + UNLABELLED + " to " + FORMAT + ")");
        }
        return f;
    }

    private interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] bytes(Writing w) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return buf.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reading<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = r.read(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded " + what + ": " + e.getMessage(), e);
        }
    }
}
