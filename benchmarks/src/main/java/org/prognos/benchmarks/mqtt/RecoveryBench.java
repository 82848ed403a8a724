package org.prognos.benchmarks.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.prognos.benchmarks.ServeBench;
import org.prognos.cli.simulate.AssetSeries;
import org.prognos.cli.simulate.DeviceFrame;
import org.prognos.cli.simulate.FleetReplay;
import org.prognos.cli.simulate.JsonPayloads;
import org.prognos.cli.simulate.ReplaySlice;
import org.prognos.features.io.Datasets;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.inference.state.Commit;
import org.prognos.inference.state.Recovery;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.predict.Predictors;

/**
 * Restart of the durable service with many assets' state on disk: how long from process start to ready, how much heap
 * the recovered states take, how many bytes they take on disk.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.mqtt.RecoveryBench run \
 *     --registry REG --assets 100000 --work /tmp/prognos-recovery [--heap 2g] [--readings 48] [--stop graceful|kill]
 * </pre>
 *
 * <p>{@code run} does three things, each in a JVM of its own with {@code --heap}:
 * <ol>
 * <li>{@code build} (once per work directory and asset count): the service ({@link Server#start}, durable, state bound
 * raised to the asset count) fed {@code --assets} assets through the same steps as an MQTT message (the JSON body read
 * by the service's {@link BodyReader}, applied to a {@link Commit}, committed with one synced write per 256 assets).
 * The assets are <b>clones of real readings</b>: asset {@code m{i}} gets {@code --readings} consecutive hourly readings
 * of Azure machine {@code i mod 70 + 1} (starting at an offset that varies with {@code i}), with that machine's events
 * up to its last reading (maintenance history and errors) and its attributes, in one message: a full 24 h window of
 * the Azure spec. Then a graceful stop (snapshots of every asset, the journal truncated), or with {@code --stop kill}
 * a halt without one (restart replays the journal, as after {@code kill -9}).</li>
 * <li>{@code recover} on an empty state directory: the baseline (models loaded, nothing restored).</li>
 * <li>{@code recover} on the built state: {@link Server#start} with recovery, timed from this process spawning it to
 * its "ready" line (printed as {@code Server.start} returns: process start to ready), and from the JVM's start (its
 * uptime) and from the call; then the heap used after a full GC. Heap per asset = (that − the baseline's) / assets.</li>
 * </ol>
 * One JSON line per phase, then a summary line. For the 1,000,000-asset check: {@code --assets 1000000 --heap 8g}.
 */
public final class RecoveryBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "azure-24h";
    private static final int COMMIT_EVERY = 256;
    private static final String READY = "recovery-bench ready";
    private static final String BUILT = "BUILT";

    private RecoveryBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "run" -> run(Flags.parse(args, 1));
            case "build" -> build(Flags.parse(args, 1));
            case "recover" -> recover(Flags.parse(args, 1));
            default -> throw new IllegalArgumentException("usage: RecoveryBench run --registry REG --assets N --work DIR"
                    + " [--heap 2g] [--data DIR] [--readings 48] [--stop graceful|kill]");
        }
    }

    /** Builds (once), then times the baseline and the recovery, each in its own JVM. */
    private static void run(Flags f) throws Exception {
        Path registry = Path.of(f.required("registry"));
        int assets = f.integer("assets", 100_000);
        Path work = Path.of(f.text("work", "/tmp/prognos-recovery"));
        String heap = f.text("heap", "2g");
        String data = f.text("data", "notebooks-data/azure-pdm");
        int readings = f.integer("readings", 48);
        String stop = f.text("stop", "graceful");
        f.requireAllUsed();
        Path state = work.resolve("state-" + assets + "-" + readings + "-" + stop);
        Path empty = work.resolve("state-empty");
        Target.deleteTree(empty);
        Files.createDirectories(empty);
        ObjectNode built;
        if (Files.exists(state.resolve(BUILT))) {
            built = (ObjectNode) JSON.readTree(Files.readString(state.resolve(BUILT)));
            built.put("reused", true);
        } else {
            Target.deleteTree(state);
            built = child(work, "build-" + assets, heap, List.of("build", "--registry", registry.toString(), "--data", data,
                    "--state", state.toString(), "--assets", Integer.toString(assets), "--readings", Integer.toString(readings),
                    "--stop", stop)).json();
            Files.writeString(state.resolve(BUILT), JSON.writeValueAsString(built));
        }
        print(built);
        Phase baseline = child(work, "baseline", heap, List.of("recover", "--registry", registry.toString(), "--state",
                empty.toString(), "--assets", Integer.toString(assets)));
        print(baseline.json());
        Phase recovered = child(work, "recover-" + assets, heap, List.of("recover", "--registry", registry.toString(), "--state",
                state.toString(), "--assets", Integer.toString(assets)));
        print(recovered.json());
        print(summary(assets, heap, stop, built, baseline, recovered, state));
    }

    private static ObjectNode summary(int assets, String heap, String stop, JsonNode built, Phase baseline, Phase recovered,
                                      Path state) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "summary");
        s.put("assets", assets);
        s.put("heap", heap);
        s.put("stop", stop);
        s.put("restored", recovered.json().path("restored").asLong());
        s.put("spawnToReadySeconds", recovered.spawnToReadySeconds());
        s.put("jvmUptimeAtReadySeconds", recovered.json().path("jvmUptimeAtReadySeconds").asDouble());
        s.put("serverStartSeconds", recovered.json().path("serverStartSeconds").asDouble());
        s.put("baselineSpawnToReadySeconds", baseline.spawnToReadySeconds());
        s.put("recoverySeconds", recovered.json().path("recoverySeconds").asDouble());
        long heapAssets = recovered.json().path("heapUsedAfterGcBytes").asLong() - baseline.json().path("heapUsedAfterGcBytes").asLong();
        s.put("heapUsedAfterGcBytes", recovered.json().path("heapUsedAfterGcBytes").asLong());
        s.put("baselineHeapUsedAfterGcBytes", baseline.json().path("heapUsedAfterGcBytes").asLong());
        s.put("heapBytesPerAsset", (double) heapAssets / assets);
        long disk = bytesUnder(state);
        s.put("diskBytes", disk);
        s.put("diskBytesPerAsset", (double) disk / assets);
        s.put("buildSeconds", built.path("seconds").asDouble());
        s.put("targets", "ready <= 10 s with 100,000 assets; 1,000,000 assets in an 8 GB heap");
        return s;
    }

    /**
     * A phase run in a JVM of its own.
     *
     * @param json               its result line
     * @param spawnToReadySeconds from spawning it to its "ready" line (NaN without one)
     */
    private record Phase(ObjectNode json, double spawnToReadySeconds) {
    }

    private static Phase child(Path work, String name, String heap, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), RecoveryBench.class.getName()));
        command.addAll(args);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        double ready = Double.NaN;
        try (ChildProcess p = ChildProcess.start(command, work.resolve(name + ".log"), Map.of("OMP_NUM_THREADS", "1"))) {
            String line = "";
            while (line.isEmpty()) {
                boolean alive = p.alive();
                String log = p.logText();
                if (Double.isNaN(ready) && log.contains(READY)) {
                    ready = (System.nanoTime() - t0) / 1e9;
                }
                line = lastJson(log);
                if (line.isEmpty() && !alive) {
                    throw new IllegalStateException(name + " exited without a result (see " + p.log() + "): " + p.tail());
                }
                ChildProcess.sleep(20);
            }
            ObjectNode json = (ObjectNode) JSON.readTree(line);
            json.put("log", p.log().toString());
            return new Phase(json, ready);
        }
    }

    private static String lastJson(String log) {
        String last = "";
        for (String line : log.split("\n")) {
            if (line.startsWith("{\"type\"")) {
                last = line;
            }
        }
        return last;
    }

    /** The service with {@code --assets} cloned assets fed, then stopped gracefully or halted. */
    private static void build(Flags f) throws Exception {
        Path registry = Path.of(f.required("registry"));
        Path data = Path.of(f.required("data"));
        Path state = Path.of(f.required("state"));
        int assets = f.integer("assets", 100_000);
        int readings = f.integer("readings", 48);
        boolean kill = f.text("stop", "graceful").equals("kill");
        f.requireAllUsed();
        FleetReplay replay = FleetReplay.of(Datasets.open(data, null), ReplaySlice.everything(), 1);
        long t0 = System.nanoTime();
        Server server = Server.start(registry, config(state, assets), ApiKeys.of(Map.of(ServeBench.KEY, Role.SCORE)),
                Predictors.standard());
        ServiceConfig.Limits limits = ServiceConfig.defaults().limits();
        JsonCodec codec = new JsonCodec(limits);
        BodyReader bodies = new BodyReader(codec, limits);
        StreamingService streaming = server.services().streaming();
        WindowSchema schema = streaming.schema(MODEL);
        JsonPayloads encoder = JsonPayloads.of(replay);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long fed = 0;
        Commit commit = streaming.begin();
        for (int i = 0; i < assets; i++) {
            DeviceFrame frame = clone(replay, i, readings);
            buffer = encoder.encode(frame, buffer);
            byte[] body = Arrays.copyOf(buffer.array(), buffer.limit());
            String asset = "m" + i;
            ReadingWindow window = bodies.readings(asset, codec.read(body, ReadingsRequest.class), schema);
            streaming.apply(commit, AssetKey.of(asset), MODEL, window, 0);
            fed += frame.readingCount();
            if ((i + 1) % COMMIT_EVERY == 0 || i + 1 == assets) {
                streaming.commit(commit);
                commit = streaming.begin();
            }
        }
        double fedSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "build");
        out.put("assets", assets);
        out.put("tracked", streaming.tracked());
        out.put("readings", fed);
        out.put("readingsPerAsset", readings);
        out.put("source", "clones of real Azure PdM readings: asset m{i} = " + readings + " consecutive hourly readings of"
                + " machine i mod 70 + 1 (offset varying with i), its events up to its last reading and its attributes");
        out.put("feedSeconds", fedSeconds);
        if (kill) {
            out.put("stop", "kill (no checkpoint: the journal is replayed)");
            out.put("seconds", (System.nanoTime() - t0) / 1e9);
            out.put("diskBytes", bytesUnder(state));
            print(out);
            Runtime.getRuntime().halt(0);
        }
        server.close();
        out.put("stop", "graceful (every asset snapshotted)");
        out.put("seconds", (System.nanoTime() - t0) / 1e9);
        out.put("diskBytes", bytesUnder(state));
        print(out);
    }

    /**
     * Clone {@code i}: {@code readings} consecutive readings of machine {@code i mod 70}, starting at an offset that
     * steps by 7 hours per round of 70 clones, with every event of the machine up to its last reading, and its
     * attributes (a first contact).
     */
    static DeviceFrame clone(FleetReplay replay, int i, int readings) {
        AssetSeries a = replay.assets().get(i % replay.assets().size());
        int span = a.size() - readings;
        if (span <= 0) {
            throw new IllegalArgumentException("machine " + a.id() + " has " + a.size() + " readings, fewer than " + readings);
        }
        int first = (int) ((long) (i / replay.assets().size()) * 7 % span);
        long last = a.time(first + readings - 1);
        int events = 0;
        while (events < a.events().size() && a.events().get(events).time() <= last) {
            events++;
        }
        return new DeviceFrame(a, first, readings, 0, events, last, 0, true);
    }

    /** Starts the service on {@code state} and reports how long that took and the heap after a full GC. */
    private static void recover(Flags f) throws Exception {
        Path registry = Path.of(f.required("registry"));
        Path state = Path.of(f.required("state"));
        int assets = f.integer("assets", 100_000);
        f.requireAllUsed();
        long call = System.nanoTime();
        Server server = Server.start(registry, config(state, assets), ApiKeys.of(Map.of(ServeBench.KEY, Role.SCORE)),
                Predictors.standard());
        double startCall = (System.nanoTime() - call) / 1e9;
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        System.out.println(READY);
        System.out.flush();
        Recovery r = server.recovery();
        long heap = usedAfterGc();
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "recover");
        out.put("state", state.toString());
        out.put("restored", r.assets());
        out.put("snapshots", r.snapshots());
        out.put("journalEntries", r.entries());
        out.put("skipped", r.skippedCount());
        out.put("tracked", server.services().streaming().tracked());
        out.put("recoverySeconds", r.seconds());
        out.put("serverStartSeconds", startCall);
        out.put("jvmUptimeAtReadySeconds", uptime);
        out.put("heapUsedAfterGcBytes", heap);
        out.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        out.put("diskBytes", bytesUnder(state));
        print(out);
        // no graceful close: it would snapshot what the journal restored and change the directory the next run reads
        Runtime.getRuntime().halt(0);
    }

    private static ServiceConfig config(Path state, int assets) {
        StateConfig s = StateConfig.defaults();
        return ServiceConfig.defaults().withHost("127.0.0.1").withPort(0).withState(new StateConfig(Math.max(assets,
                s.maxAssets()), s.idleTimeoutSeconds(), s.sweepSeconds(), state.toString(), s.snapshotEvery(), s.checkpointSeconds()));
    }

    /** Heap in use after full collections (until it stops shrinking, at most 5). */
    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    static long bytesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void print(JsonNode n) throws IOException {
        System.out.println(JSON.writeValueAsString(n));
        System.out.flush();
    }
}
