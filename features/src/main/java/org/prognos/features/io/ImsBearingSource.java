package org.prognos.features.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * IMS bearing waveform snapshots (NASA / University of Cincinnati run-to-failure tests): a directory, or a
 * {@code .tar.xz}, {@code .tar.gz} or {@code .tar} archive, of files named by their start time
 * ({@code 2004.02.12.10.32.39}, UTC), each holding one accelerometer value per line. Every sample becomes
 * one reading of channel {@value #CHANNEL}: time = snapshot start + round(i × 10⁶ / rate) microseconds, so
 * at the default 20 kHz consecutive samples are 50 µs apart.
 *
 * <p>Snapshots are streamed in time order. A directory is sorted by name; an archive is listed once by
 * {@link #open} and, when its entries are not in time order (as in the original NASA archive), each
 * {@link #forEach} unpacks it into a temporary directory first, which it deletes afterwards, so memory
 * stays bounded. Hidden files ({@code .name}) and directories are ignored; any other file name is an error.
 */
public final class ImsBearingSource implements TelemetrySource {
    /** The asset id unless told otherwise. */
    public static final String DEFAULT_ASSET = "bearing1";
    /** The one channel: the accelerometer value (the source does not state its unit). */
    public static final String CHANNEL = "acc";
    /** The IMS sampling rate. */
    public static final double DEFAULT_RATE_HZ = 20_000;

    private static final Pattern NAME = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})\\.(\\d{2})\\.(\\d{2})\\.(\\d{2})");
    private static final Pattern ARCHIVE = Pattern.compile(".+\\.(tar\\.xz|txz|tar\\.gz|tgz|tar)");
    private static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    private static final List<String> CHANNELS = List.of(CHANNEL);

    private final Path path;
    private final String name;
    private final String asset;
    private final double periodMicros;
    private final ReadPolicy policy;
    private final List<Snapshot> snapshots;
    private final boolean inOrder;

    /** One snapshot file: its path (entry name in an archive) and start time in microseconds. */
    private record Snapshot(String entry, long start) {
    }

    private ImsBearingSource(Path path, String asset, double rateHz, ReadPolicy policy, List<Snapshot> snapshots,
                             boolean inOrder) {
        this.path = path;
        this.name = TextInput.name(path);
        this.asset = asset;
        this.periodMicros = 1e6 / rateHz;
        this.policy = policy;
        this.snapshots = List.copyOf(snapshots);
        this.inOrder = inOrder;
    }

    /** Asset {@value #DEFAULT_ASSET}, 20 kHz, default policy. */
    public static ImsBearingSource open(Path path) throws IOException {
        return open(path, DEFAULT_ASSET, DEFAULT_RATE_HZ, ReadPolicy.defaults());
    }

    /**
     * Lists the snapshots of {@code path} (a directory or a tar archive) and checks their names.
     *
     * @param asset  the asset id of every reading
     * @param rateHz samples per second within a snapshot
     */
    public static ImsBearingSource open(Path path, String asset, double rateHz, ReadPolicy policy) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(policy, "policy");
        if (asset == null || asset.isBlank()) {
            throw new InvalidSpecException("the bearing's asset id must not be empty");
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new InvalidSpecException("sample rate must be a positive number of Hz, found " + rateHz);
        }
        String name = TextInput.name(path);
        List<Snapshot> listed = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String base = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !base.startsWith(".")) {
                        listed.add(new Snapshot(base, start(name, base, base)));
                    }
                }
            }
        } else {
            try (TarArchiveInputStream tar = tar(path)) {
                String last = null;
                try {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        last = e.getName();
                        String base = baseName(e.getName());
                        if (e.isFile() && !base.startsWith(".")) {
                            listed.add(new Snapshot(e.getName(), start(name, e.getName(), base)));
                        }
                    }
                } catch (IOException e) {
                    throw damaged(name, last, e);
                }
            }
        }
        if (listed.isEmpty()) {
            throw new InvalidTelemetryException(name, 0, 0, "expected snapshot files named like 2004.02.12.10.32.39, found none");
        }
        boolean inOrder = true;
        for (int i = 1; i < listed.size(); i++) {
            inOrder &= listed.get(i).start() > listed.get(i - 1).start();
        }
        Map<Long, String> seen = new HashMap<>();
        for (Snapshot s : listed) {
            String other = seen.put(s.start(), s.entry());
            if (other != null) {
                throw new InvalidTelemetryException(name, 0, 0,
                        "snapshots '" + other + "' and '" + s.entry() + "' start at the same time");
            }
        }
        if (Files.isDirectory(path)) {
            listed.sort(Comparator.comparingLong(Snapshot::start));
        }
        return new ImsBearingSource(path, asset, rateHz, policy, listed, inOrder);
    }

    /** True when the file name is one of the archive kinds this source reads ({@code .tar.xz}, {@code .tar.gz}, …). */
    public static boolean isArchiveName(String fileName) {
        return ARCHIVE.matcher(fileName).matches();
    }

    /** True when the file name is a snapshot start time such as {@code 2004.02.12.10.32.39}. */
    public static boolean isSnapshotName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    private static TarArchiveInputStream tar(Path archive) throws IOException {
        String n = TextInput.name(archive);
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), TextInput.BUFFER);
        try {
            InputStream in;
            if (n.endsWith(".tar.xz") || n.endsWith(".txz")) {
                in = XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            } else if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                in = new GZIPInputStream(raw, TextInput.BUFFER);
            } else if (n.endsWith(".tar")) {
                in = raw;
            } else {
                throw new InvalidTelemetryException(n, 0, 0,
                        "expected a directory or a .tar.xz, .tar.gz or .tar archive of snapshot files");
            }
            return new TarArchiveInputStream(in);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * A truncated or corrupt archive, named with the entry being read when decompression or the tar headers
     * failed ({@code last} is null before the first entry). Reading an entry's bytes and skipping to the next
     * header both decompress, so the damage lies in {@code last} or just after it.
     */
    private static InvalidTelemetryException damaged(String archive, String last, IOException cause) {
        String where = last == null ? archive + " (before its first entry)" : archive + "!/" + last;
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        InvalidTelemetryException e = new InvalidTelemetryException(where, 0, 0,
                "the archive is truncated or corrupt (" + detail + "); re-copy or re-download it");
        e.initCause(cause);
        return e;
    }

    private static String baseName(String entry) {
        String e = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        return e.substring(e.lastIndexOf('/') + 1);
    }

    private static long start(String source, String entry, String base) {
        Matcher m = NAME.matcher(base);
        if (m.matches()) {
            try {
                LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)));
                return t.toEpochSecond(ZoneOffset.UTC) * TimeAxis.Timestamps.MICROS_PER_SECOND;
            } catch (DateTimeException e) {
                // falls through to the message below
            }
        }
        throw new InvalidTelemetryException(source, 0, 0, "'" + entry
                + "' is not a snapshot file: expected a name like 2004.02.12.10.32.39 (yyyy.MM.dd.HH.mm.ss, UTC)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeAxis axis() {
        return UTC;
    }

    @Override
    public List<String> channels() {
        return CHANNELS;
    }

    /** Start time of each snapshot in microseconds since the epoch, in time order. */
    public List<Long> snapshotStarts() {
        return snapshots.stream().map(Snapshot::start).sorted().toList();
    }

    @Override
    public void forEach(ReadingSink sink) throws IOException {
        AssetOrder order = new AssetOrder(name, UTC, 1, 0, policy, sink);
        double[] values = new double[1];
        if (Files.isDirectory(path)) {
            readDirectory(path, snapshots, name + "/", order, values);
        } else if (inOrder) {
            try (TarArchiveInputStream tar = tar(path)) {
                String last = null;
                try {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        last = e.getName();
                        String base = baseName(e.getName());
                        if (e.isFile() && !base.startsWith(".")) {
                            read(tar, name + "!/" + e.getName(), start(name, e.getName(), base), order, values);
                        }
                    }
                } catch (IOException e) {
                    throw damaged(name, last, e);
                }
            }
        } else {
            readUnpacked(order, values);
        }
        order.finish();
    }

    /** Out-of-order archive: unpack to disk (bounded memory), read in time order, clean up. */
    private void readUnpacked(AssetOrder order, double[] values) throws IOException {
        Path dir = Files.createTempDirectory("prognos-ims-");
        try {
            List<Snapshot> unpacked = new ArrayList<>();
            try (TarArchiveInputStream tar = tar(path)) {
                String last = null;
                try {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        last = e.getName();
                        String base = baseName(e.getName());
                        if (e.isFile() && !base.startsWith(".")) {
                            long start = start(name, e.getName(), base);
                            // the base name matched the timestamp pattern, so it cannot escape the directory
                            Files.copy(tar, dir.resolve(base));
                            unpacked.add(new Snapshot(base, start));
                        }
                    }
                } catch (IOException e) {
                    throw damaged(name, last, e);
                }
            }
            unpacked.sort(Comparator.comparingLong(Snapshot::start));
            readDirectory(dir, unpacked, name + "!/", order, values);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private void readDirectory(Path dir, List<Snapshot> inTimeOrder, String prefix, AssetOrder order, double[] values)
            throws IOException {
        for (Snapshot s : inTimeOrder) {
            try (InputStream in = Files.newInputStream(dir.resolve(s.entry()))) {
                read(in, prefix + s.entry(), s.start(), order, values);
            }
        }
    }

    /** Reads one snapshot; {@code in} is not closed (it may be the archive's stream). */
    private void read(InputStream in, String where, long start, AssetOrder order, double[] values) throws IOException {
        order.source(where);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), TextInput.BUFFER);
        long lineNo = 0;
        long i = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (TextInput.skippable(line)) {
                continue;
            }
            values[0] = Cells.value(line, where, lineNo, 1, CHANNEL, policy.missingValues());
            order.offer(asset, start + Math.round(i++ * periodMicros), values, lineNo);
        }
    }

    @Override
    public String toString() {
        return "ImsBearingSource[" + path + ", " + snapshots.size() + " snapshots]";
    }
}
