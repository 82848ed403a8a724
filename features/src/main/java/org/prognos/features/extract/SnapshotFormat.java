package org.prognos.features.extract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.spec.FeatureSpec;

/**
 * The binary form of an {@link AssetState} snapshot under one compiled spec, and the checks a snapshot must pass
 * before a state is rebuilt from it. Made once per {@link FeatureExtractor}.
 *
 * <pre>
 * byte     format version ({@value #VERSION})
 * int      columns
 * int      window blocks, then per block: int samples, long span (ticks), int channels
 * int      EWMAs, int event counters, int last-event clocks, int static values
 * long     plan fingerprint
 * ...      the state (see AssetState#snapshot)
 * int      CRC32C of every byte before it
 * </pre>
 *
 * All numbers are big-endian ({@link DataOutput}); doubles are written as their raw bits. The shape lets a
 * snapshot from another spec be refused with a message that names what differs; the fingerprint catches the rest:
 * it is a SHA-256 (first 8 bytes) of the spec's canonical form without its name and description (so it covers
 * windows, emission, feature parameters and fitted normalization) and of the compiled layout (column names, and
 * each block's window, channels and aggregates), so a snapshot is also refused when another version of Prognos
 * lays the same spec out differently.
 */
final class SnapshotFormat {
    /** The format version this class writes and reads. */
    static final int VERSION = 1;
    private static final int CHECKSUM_BYTES = 4;

    private final String specName;
    private final int columns;
    private final List<BlockPlan> blocks;
    private final int ewmas;
    private final int counters;
    private final int clocks;
    private final int statics;
    private final long fingerprint;

    private SnapshotFormat(FeatureSpec spec, ExtractionPlan plan) {
        this.specName = spec.name();
        this.columns = plan.columns().length;
        this.blocks = plan.blocks();
        this.ewmas = plan.ewmaAlpha().length;
        this.counters = plan.counters().length;
        this.clocks = plan.timeSince().length;
        this.statics = plan.attributeCount();
        this.fingerprint = fingerprint(spec, plan);
    }

    /** The format of snapshots of states running {@code plan}, compiled from {@code spec}. */
    static SnapshotFormat of(FeatureSpec spec, ExtractionPlan plan) {
        return new SnapshotFormat(spec, plan);
    }

    /** Writes a state's part of a snapshot. */
    interface Body {
        void write(DataOutput out) throws IOException;
    }

    /** Reads a state's part of a snapshot. */
    interface Parser<T> {
        T read(DataInput in) throws IOException;
    }

    /** A snapshot: the version, the shape and fingerprint, what {@code body} writes, and the checksum. */
    byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeShape(out);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        byte[] content = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(content);
        byte[] sealed = Arrays.copyOf(content, content.length + CHECKSUM_BYTES);
        ByteBuffer.wrap(sealed, content.length, CHECKSUM_BYTES).putInt((int) crc.getValue());
        return sealed;
    }

    /**
     * Checks {@code snapshot}'s version, checksum, shape and fingerprint, then reads the state with {@code body},
     * which must consume the rest exactly.
     *
     * @throws InvalidTelemetryException naming the asset and what did not match
     */
    <T> T read(String asset, byte[] snapshot, Parser<T> body) {
        String source = "snapshot of asset '" + asset + "'";
        checkEnvelope(source, snapshot);
        ByteArrayInputStream bytes = new ByteArrayInputStream(snapshot, 1, snapshot.length - 1 - CHECKSUM_BYTES);
        DataInputStream in = new DataInputStream(bytes);
        try {
            checkShape(in);
            T state = body.read(in);
            if (bytes.available() > 0) {
                throw new InvalidTelemetryException(bytes.available() + " bytes are left over after the state");
            }
            return state;
        } catch (EOFException e) {
            throw new InvalidTelemetryException(source, 0, 0, "cannot restore: it ends before the state does");
        } catch (InvalidTelemetryException e) {
            throw new InvalidTelemetryException(source, 0, 0, "cannot restore: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
    }

    /** The version first (so a newer format says so), then the checksum over everything. */
    private static void checkEnvelope(String source, byte[] snapshot) {
        if (snapshot.length == 0) {
            throw new InvalidTelemetryException(source, 0, 0, "cannot restore: it is empty");
        }
        int version = snapshot[0] & 0xff;
        if (version != VERSION) {
            throw new InvalidTelemetryException(source, 0, 0, "cannot restore: format version " + version
                    + " is not one this version of Prognos reads (" + VERSION + ")");
        }
        int body = snapshot.length - CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(snapshot, 0, Math.max(body, 0));
        if (body < 1 || ByteBuffer.wrap(snapshot, body, CHECKSUM_BYTES).getInt() != (int) crc.getValue()) {
            throw new InvalidTelemetryException(source, 0, 0, "cannot restore: it is truncated or corrupt (its "
                    + snapshot.length + " bytes do not match their CRC32C checksum)");
        }
    }

    private void writeShape(DataOutput out) throws IOException {
        out.writeInt(columns);
        out.writeInt(blocks.size());
        for (BlockPlan b : blocks) {
            out.writeInt(b.samples());
            out.writeLong(b.span());
            out.writeInt(b.channels().length);
        }
        out.writeInt(ewmas);
        out.writeInt(counters);
        out.writeInt(clocks);
        out.writeInt(statics);
        out.writeLong(fingerprint);
    }

    private void checkShape(DataInput in) throws IOException {
        expect("columns", in.readInt(), columns);
        expect("window blocks", in.readInt(), blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            BlockPlan b = blocks.get(i);
            String block = "window block " + i + " ('" + b.window() + "'), ";
            expect(block + "samples", in.readInt(), b.samples());
            expect(block + "span in ticks", in.readLong(), b.span());
            expect(block + "channels", in.readInt(), b.channels().length);
        }
        expect("EWMAs", in.readInt(), ewmas);
        expect("event counters", in.readInt(), counters);
        expect("last-event clocks", in.readInt(), clocks);
        expect("static values", in.readInt(), statics);
        long found = in.readLong();
        if (found != fingerprint) {
            throw new InvalidTelemetryException("it was taken under another spec: its shape is that of spec '" + specName
                    + "' but the plan fingerprints differ (" + Long.toHexString(found) + " in the snapshot, "
                    + Long.toHexString(fingerprint) + " here): columns, windows, emission, feature parameters or the"
                    + " fitted normalization differ");
        }
    }

    private void expect(String what, long found, long here) {
        if (found != here) {
            throw new InvalidTelemetryException("it was taken under another spec: " + what + ": " + found
                    + " in the snapshot, " + here + " in spec '" + specName + "'");
        }
    }

    /** First 8 bytes of a SHA-256 over the spec's content hash and the compiled layout. */
    private static long fingerprint(FeatureSpec spec, ExtractionPlan plan) {
        FeatureSpec content = new FeatureSpec(spec.format(), "-", null, spec.time(), spec.channels(), spec.windows(),
                spec.emit(), spec.requireFullWindows(), spec.slopePer(), spec.maxWindowSamples(), spec.features(),
                spec.normalization(), spec.fitted());
        StringBuilder layout = new StringBuilder(content.hash()).append('\n').append(plan.names()).append('\n');
        for (BlockPlan b : plan.blocks()) {
            layout.append(b.window()).append(' ').append(b.samples()).append(' ').append(b.span()).append(' ')
                    .append(Arrays.toString(b.channels())).append(' ').append(b.flags()).append(' ')
                    .append(b.maxSamples()).append(' ').append(Double.doubleToLongBits(b.slopeUnit())).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(layout.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
