package org.prognos.features.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.prognos.PrognosException;
import org.prognos.features.io.DatasetConfig;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.telemetry.EventKind;

/**
 * Writes a synthetic fleet as CSV files, streaming: element by element, each element's rows formatted into
 * a bounded byte buffer and written out, so memory does not grow with the fleet. With several threads,
 * elements are formatted in parallel (a bounded window ahead of the writer) and written in element order,
 * so the bytes never depend on the thread count.
 */
final class FleetWriter {
    /** Telemetry is flushed whenever this much is buffered (one-thread mode). */
    private static final int FLUSH_BYTES = 1 << 18;
    /** Output reaches files (and the deflater) in blocks of exactly this size, whatever the buffering above. */
    private static final int BLOCK_BYTES = 1 << 16;
    private static final int[] DECIMALS = Channel.all().stream().mapToInt(Channel::decimals).toArray();

    private final SyntheticFleet fleet;
    private final WriteOptions options;
    private final Path directory;
    private final List<Path> files = new ArrayList<>();
    private long rows;
    private long failures;
    private long maintenance;
    private long alarms;
    private long peakBuffered;

    private FleetWriter(SyntheticFleet fleet, Path directory, WriteOptions options) {
        this.fleet = fleet;
        this.directory = directory;
        this.options = options;
    }

    static WriteSummary write(SyntheticFleet fleet, Path directory, WriteOptions options) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        FleetWriter w = new FleetWriter(fleet, directory, options);
        w.writeHistories();
        w.writeAssets();
        w.writeReadme();
        return new WriteSummary(directory, w.files, w.rows, w.failures, w.maintenance, w.alarms, w.peakBuffered,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void writeHistories() throws IOException {
        try (OutputStream telemetry = open("telemetry");
                OutputStream failureOut = open("failures");
                OutputStream maintenanceOut = open("maintenance");
                OutputStream alarmOut = open("alarms")) {
            Outputs out = new Outputs(telemetry, failureOut, maintenanceOut, alarmOut);
            header(telemetry, "asset,time," + String.join(",", Channel.columns()));
            for (OutputStream events : List.of(failureOut, maintenanceOut, alarmOut)) {
                header(events, "time,asset,code");
            }
            if (options.threads() == 1) {
                sequential(out);
            } else {
                parallel(out);
            }
        }
    }

    private record Outputs(OutputStream telemetry, OutputStream failures, OutputStream maintenance, OutputStream alarms) {
    }

    private void sequential(Outputs out) throws IOException {
        ElementFormatter f = new ElementFormatter(FLUSH_BYTES + 4096, out.telemetry());
        try {
            for (int i = 0; i < fleet.size(); i++) {
                f.format(i);
                peakBuffered = Math.max(peakBuffered, f.capacity());
                drain(f, out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void parallel(Outputs out) throws IOException {
        int threads = options.threads();
        int window = 2 * threads;
        int estimate = (int) Math.min(Integer.MAX_VALUE - 64, (long) fleet.config().steps() * 100);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "prognos-synthetic-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<ElementFormatter>> inFlight = new ArrayDeque<>();
            for (int i = 0; i < fleet.size(); i++) {
                int index = i;
                inFlight.add(pool.submit(() -> {
                    ElementFormatter f = new ElementFormatter(estimate, null);
                    f.format(index);
                    return f;
                }));
                if (inFlight.size() >= window) {
                    drainHead(inFlight, out);
                }
            }
            while (!inFlight.isEmpty()) {
                drainHead(inFlight, out);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void drainHead(Deque<Future<ElementFormatter>> inFlight, Outputs out) throws IOException {
        int held = inFlight.size();
        ElementFormatter f;
        try {
            f = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrognosException("interrupted while writing a synthetic fleet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new PrognosException("generating a synthetic element failed", e.getCause());
        }
        peakBuffered = Math.max(peakBuffered, (long) held * f.capacity());
        drain(f, out);
    }

    private void drain(ElementFormatter f, Outputs out) throws IOException {
        f.telemetry.drainTo(out.telemetry());
        f.failures.drainTo(out.failures());
        f.maintenance.drainTo(out.maintenance());
        f.alarms.drainTo(out.alarms());
        rows += f.rows;
        failures += f.failureCount;
        maintenance += f.maintenanceCount;
        alarms += f.alarmCount;
        f.rows = 0;
        f.failureCount = 0;
        f.maintenanceCount = 0;
        f.alarmCount = 0;
    }

    /** Formats one element at a time into byte buffers; with a flush target, drains telemetry as it goes. */
    private final class ElementFormatter implements SyntheticFleet.AssetObserver {
        final AsciiBuffer telemetry;
        final AsciiBuffer failures = new AsciiBuffer(1024);
        final AsciiBuffer maintenance = new AsciiBuffer(1024);
        final AsciiBuffer alarms = new AsciiBuffer(4096);
        private final OutputStream flushTarget;
        private byte[] id;
        long rows;
        long failureCount;
        long maintenanceCount;
        long alarmCount;

        ElementFormatter(int capacity, OutputStream flushTarget) {
            this.telemetry = new AsciiBuffer(capacity);
            this.flushTarget = flushTarget;
        }

        void format(int index) {
            id = fleet.assetId(index).getBytes(StandardCharsets.US_ASCII);
            fleet.simulate(index, true, this);
        }

        long capacity() {
            return (long) telemetry.capacity() + failures.capacity() + maintenance.capacity() + alarms.capacity();
        }

        @Override
        public void reading(long time, double[] values) {
            AsciiBuffer b = telemetry;
            b.text(id).ch(',').timestamp(time);
            for (int i = 0; i < values.length; i++) {
                b.ch(',').fixed(values[i], DECIMALS[i]);
            }
            b.ch('\n');
            rows++;
            if (flushTarget != null && b.size() >= FLUSH_BYTES) {
                try {
                    b.drainTo(flushTarget);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void event(EventKind kind, long time, String code) {
            AsciiBuffer b;
            switch (kind) {
                case FAILURE -> {
                    b = failures;
                    failureCount++;
                }
                case MAINTENANCE -> {
                    b = maintenance;
                    maintenanceCount++;
                }
                default -> {
                    b = alarms;
                    alarmCount++;
                }
            }
            b.timestamp(time).ch(',').text(id).ch(',').text(code).ch('\n');
        }
    }

    private void writeAssets() throws IOException {
        try (OutputStream out = open("assets")) {
            header(out, "asset,type,site,age_years");
            AsciiBuffer b = new AsciiBuffer(FLUSH_BYTES + 1024);
            for (int i = 0; i < fleet.size(); i++) {
                AssetProfile p = fleet.profile(i);
                b.text(p.id()).ch(',').text(p.type().code()).ch(',').text(p.site()).ch(',')
                        .text(Double.toString(p.ageYears())).ch('\n');
                if (b.size() >= FLUSH_BYTES) {
                    b.drainTo(out);
                }
            }
            b.drainTo(out);
        }
    }

    private void writeReadme() throws IOException {
        String gz = options.compression().suffix();
        StringBuilder sb = new StringBuilder();
        sb.append(fleet.marker()).append('\n').append('\n');
        sb.append("SYNTHETIC DATA. Every value in this directory was generated by a program from a random seed.\n");
        sb.append("It describes no real network, element, site or event. Do not use it as evidence about real equipment.\n\n");
        sb.append("Generator: Prognos SyntheticFleet (org.prognos.features.synthetic). Files start with the line above;\n");
        sb.append("readers skip lines starting with '#'. Times are UTC, yyyy-MM-dd HH:mm:ss. A missing value is an empty cell.\n\n");
        sb.append("telemetry.csv").append(gz).append("    asset,time,").append(String.join(",", Channel.columns()))
                .append("  (asset by asset, time ascending)\n");
        sb.append("failures.csv").append(gz).append("     time,asset,code  (code = failed component: laser, fan, psu, amplifier)\n");
        sb.append("maintenance.csv").append(gz).append("  time,asset,code  (code = replaced component)\n");
        sb.append("alarms.csv").append(gz).append("       time,asset,code  (code = LOS, HIGH_TEMP, FEC_DEGRADE, FAN_FAIL, PSU_FAULT)\n");
        sb.append("assets.csv").append(gz).append("       asset,type,site,age_years\n\n");
        sb.append("Configuration:\n");
        for (Map.Entry<String, String> e : fleet.config().provenance().entrySet()) {
            sb.append("  ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        Path readme = directory.resolve("README.txt");
        Files.writeString(readme, sb.toString(), StandardCharsets.US_ASCII);
        files.add(readme);
        writeDescriptor();
    }

    /** A dataset.json so {@code prognos} commands open the directory as it is. */
    private void writeDescriptor() throws IOException {
        String sfx = options.compression().suffix();
        var d = new DatasetConfig(fleet.marker().substring(2),
                TimeConfig.timestamps("UTC"),
                new DatasetConfig.Telemetry("telemetry.csv" + sfx, "wide", "asset", "time",
                        List.of(), null, null),
                List.of(
                        new DatasetConfig.EventFile("failures.csv" + sfx, "failure", "time", "asset", "code"),
                        new DatasetConfig.EventFile("maintenance.csv" + sfx, "maintenance", "time", "asset", "code"),
                        new DatasetConfig.EventFile("alarms.csv" + sfx, "alarm", "time", "asset", "code")),
                new DatasetConfig.Attributes("assets.csv" + sfx, "asset"),
                null);
        Path p = directory.resolve("dataset.json");
        d.write(p);
        files.add(p);
    }

    private void header(OutputStream out, String columns) throws IOException {
        out.write((fleet.marker() + "\n" + columns + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private OutputStream open(String name) throws IOException {
        Path path = directory.resolve(name + ".csv" + options.compression().suffix());
        files.add(path);
        OutputStream file = Files.newOutputStream(path);
        OutputStream sink = options.compression() == WriteOptions.Compression.GZIP ? new FastGzip(file) : file;
        return new BufferedOutputStream(new Blocks(sink), BLOCK_BYTES);
    }

    /** Gzip at the fastest deflate level. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BLOCK_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /**
     * Passes bytes on in blocks of exactly {@link #BLOCK_BYTES} (the last one shorter), so the deflater sees
     * the same input chunks whatever the writer's buffering, and compressed output cannot depend on it.
     */
    private static final class Blocks extends OutputStream {
        private final OutputStream out;
        private final byte[] block = new byte[BLOCK_BYTES];
        private int filled;

        Blocks(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            block[filled++] = (byte) b;
            if (filled == block.length) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, block.length - filled);
                System.arraycopy(b, off, block, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == block.length) {
                    out.write(block, 0, filled);
                    filled = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (filled > 0) {
                    out.write(block, 0, filled);
                    filled = 0;
                }
            } finally {
                out.close();
            }
        }
    }
}
