package org.prognos.benchmarks.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prognos.cli.simulate.FleetReplay;
import org.prognos.cli.simulate.ReplaySlice;
import org.prognos.features.io.Datasets;

/**
 * The MQTT benchmark's driver (see the package description and {@code benchmarks/mqtt/README.md}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.mqtt.MqttBench ladder \
 *     --system prognos-durable --registry REG [--batch 1] [--rates 2k,5k,10k,20k] [--duration 10]
 * java -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.mqtt.MqttBench floor --broker tcp://127.0.0.1:1883
 * </pre>
 *
 * <p>{@code ladder} starts a Mosquitto, the system under test ({@code prognos-durable}, {@code prognos-memory},
 * {@code floor}; or {@code external} on {@code --broker URL}), warms it up, then runs one step per rate, in order, until
 * a step does not keep up ({@link StepResult}); then {@code --refine} steps between the last good and the first bad
 * rate, and a step at half the highest good rate (the latency target's point). Each step is one JSON line on stdout;
 * a progress line per step goes to stderr; the last line is a summary. Every process it started is stopped by its PID
 * at the end, also on Ctrl-C.
 *
 * <p>{@code floor} runs the {@link Republisher} until killed (the ladder starts it this way for {@code --system floor}).
 */
public final class MqttBench {
    /**
     * The Receive Maximum the service (and the floor) connect with: the most MQTT allows, not the service's default
     * 4096. Debian 12's Mosquitto 2.0.11 overruns a client's Receive Maximum as soon as it holds a queue for that client
     * (its {@code db__message_delete_outgoing} refills the in-flight window by list position, not by count; fixed in
     * 2.0.13, eclipse/mosquitto#2306), and the HiveMQ client answers an overrun with a protocol error and reconnects,
     * whereupon the broker resends the whole over-full window: a service more than 4096 messages behind (a cold JIT
     * in the first seconds is enough) never recovers. 65535 moves that point past any step that keeps up.
     */
    static final int RECEIVE_MAXIMUM = 65_535;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private MqttBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "ladder" -> ladder(Flags.parse(args, 1, "no-half"));
            case "floor" -> {
                Flags f = Flags.parse(args, 1);
                String broker = f.required("broker");
                int receiveMaximum = f.integer("receive-maximum", RECEIVE_MAXIMUM);
                f.requireAllUsed();
                Republisher.run(broker, receiveMaximum);
            }
            default -> throw new IllegalArgumentException("usage: MqttBench ladder --system prognos-durable|prognos-memory|floor"
                    + "|external [--registry DIR] [--rates 2k,5k,...] ... | MqttBench floor --broker URL");
        }
    }

    /** What one ladder is asked to do. */
    private record Plan(Path data, int machines, int batch, List<Double> rates, Duration duration, Duration warmup,
                        double warmupRate, int refine, boolean half, int window, LoadDriver.Settings settings) {
    }

    private static void ladder(Flags f) throws Exception {
        Path data = Path.of(f.text("data", "notebooks-data/azure-pdm"));
        Target target = target(f);
        Optional<String> givenBroker = Optional.ofNullable(f.text("broker", null));
        Mosquitto.Settings brokerSettings = new Mosquitto.Settings(f.integer("max-queued", 1_000_000),
                f.integer("max-inflight", Mosquitto.Settings.defaults().maxInflightMessages()));
        List<Double> rates = f.numbers("rates", "2k,5k,10k,20k,30k,40k,60k,80k");
        Plan plan = new Plan(data, f.integer("machines", 0), f.integer("batch", 1), rates,
                Duration.ofMillis((long) (f.decimal("duration", 10) * 1000)),
                Duration.ofMillis((long) (f.decimal("warmup", 10) * 1000)), f.decimal("warmup-rate", rates.get(0)),
                f.integer("refine", 1), !f.on("no-half"), f.integer("window", 1000),
                new LoadDriver.Settings(target.label(), f.text("round", "1"),
                        Duration.ofMillis((long) (f.decimal("drain-max", 30) * 1000)),
                        Duration.ofMillis((long) (f.decimal("quiet", 2) * 1000)),
                        Duration.ofNanos((long) (f.decimal("tick-ms", 1) * 1e6))));
        Path work = Path.of(f.text("work", Files.createTempDirectory("prognos-mqtt-bench").toString()));
        f.requireAllUsed();

        ReplaySlice slice = plan.machines() > 0 ? ReplaySlice.everything().withLimit(plan.machines()) : ReplaySlice.everything();
        FleetReplay replay = FleetReplay.of(Datasets.open(data, null), slice, plan.batch());
        Rig.Parts parts = new Rig.Parts(target, replay, brokerSettings, givenBroker, plan.window(), plan.settings(), work);
        Rigs rigs = new Rigs(parts);
        Thread stop = new Thread(rigs::close, "mqtt-bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            Rig rig = rigs.next();
            print(setup(plan, replay, target, brokerSettings, givenBroker.isPresent(), rig, work));
            climb(rigs, plan);
        } finally {
            rigs.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now and closes the same rig
            }
        }
    }

    /** The current rig, replaced by a fresh one on request; the shutdown hook closes whichever is current. */
    private static final class Rigs implements AutoCloseable {
        private final Rig.Parts parts;
        private Rig current;
        private int generation;

        Rigs(Rig.Parts parts) {
            this.parts = parts;
        }

        synchronized Rig next() throws Exception {
            close();
            current = Rig.start(parts, ++generation);
            return current;
        }

        synchronized Rig current() {
            return current;
        }

        /** A fresh rig, warmed up: after a step that did not keep up (a system started elsewhere is only let settle). */
        Rig fresh(Plan plan) throws Exception {
            if (parts.given().isPresent() && parts.target() instanceof Target.External) {
                current().driver().settle(Duration.ofSeconds(60));
                return current();
            }
            Rig rig = next();
            warmUp(rig.driver(), plan);
            return rig;
        }

        @Override
        public synchronized void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /**
     * The warm-up, the steps up to the first that does not keep up, the refinement and the half-rate step; a fresh rig
     * (warmed up again) after a step that may have left a backlog or a broken session behind.
     */
    private static void climb(Rigs rigs, Plan plan) throws Exception {
        warmUp(rigs.current().driver(), plan);
        double good = 0;
        double bad = Double.NaN;
        StepResult best = null;
        StepResult last = null;
        for (double rate : plan.rates()) {
            StepResult r = report(rigs.current().driver().step("step", rate, plan.duration()));
            last = r;
            if (!r.ok()) {
                bad = rate;
                break;
            }
            good = rate;
            best = r;
        }
        boolean dirty = last != null && last.leftBacklog();
        for (int i = 0; i < plan.refine() && !Double.isNaN(bad); i++) {
            double mid = Math.round((good + bad) / 2 / 100) * 100.0;
            if (mid <= good || mid >= bad) {
                break;
            }
            LoadDriver driver = dirty ? rigs.fresh(plan).driver() : rigs.current().driver();
            StepResult r = report(driver.step("refine", mid, plan.duration()));
            dirty = r.leftBacklog();
            if (r.ok()) {
                good = mid;
                best = r;
            } else {
                bad = mid;
            }
        }
        StepResult half = null;
        if (plan.half() && good > 0) {
            LoadDriver driver = dirty ? rigs.fresh(plan).driver() : rigs.current().driver();
            half = report(driver.step("half", good / 2, plan.duration()));
        }
        print(summary(plan, good, bad, best, half));
    }

    private static void warmUp(LoadDriver driver, Plan plan) throws InterruptedException {
        if (!plan.warmup().isZero()) {
            report(driver.step("warmup", plan.warmupRate(), plan.warmup()));
            driver.settle(Duration.ofSeconds(60));
        }
    }

    private static Target target(Flags f) {
        String system = f.required("system");
        List<String> serviceJava = f.words("service-java-opts", "-Xmx1g");
        int maxBatch = f.integer("max-batch", 512);
        int receiveMaximum = f.integer("receive-maximum", RECEIVE_MAXIMUM);
        // the service's flags are read whatever the system, so that one command line serves every system of a round
        String registry = f.text("registry", null);
        Path cliJar = Path.of(f.text("cli-jar", "cli/target/prognos.jar"));
        String model = f.text("model", "azure-24h");
        List<String> floorJava = f.words("floor-java-opts", "-Xmx1g");
        String label = f.text("label", "external");
        return switch (system) {
            case "prognos-durable", "prognos-memory" -> new Target.Prognos(cliJar, Path.of(Optional.ofNullable(registry)
                    .orElseThrow(() -> new IllegalArgumentException("--registry is required for " + system))), model,
                    system.equals("prognos-durable"), serviceJava, maxBatch, receiveMaximum);
            case "floor" -> new Target.Floor(floorJava, receiveMaximum);
            case "external" -> new Target.External(label);
            default -> throw new IllegalArgumentException("--system: prognos-durable, prognos-memory, floor or external, found '"
                    + system + "'");
        };
    }

    private static Map<String, Object> setup(Plan plan, FleetReplay replay, Target target, Mosquitto.Settings broker,
                                             boolean given, Rig rig, Path work) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "setup");
        m.put("system", target.label());
        m.put("round", plan.settings().round());
        m.put("batch", plan.batch());
        m.put("replay", replay.toString() + " from " + plan.data() + " (looping, times shifted forward each lap)");
        Map<String, Object> b = new LinkedHashMap<>(given ? Map.of("given", true) : broker.describe());
        b.put("url", rig.url());
        rig.driver().brokerReceiveMaximum().ifPresent(n -> b.put("receive_maximum_to_driver", n));
        m.put("broker", b);
        m.put("target", target.describe());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("qos", 1);
        d.put("window", plan.window());
        d.put("rates", plan.rates());
        d.put("stepSeconds", plan.duration().toMillis() / 1000.0);
        d.put("warmupSeconds", plan.warmup().toMillis() / 1000.0);
        d.put("drainMaxSeconds", plan.settings().drainMax().toMillis() / 1000.0);
        d.put("quietSeconds", plan.settings().quiet().toMillis() / 1000.0);
        d.put("tickMs", plan.settings().tick().toNanos() / 1e6);
        m.put("driver", d);
        m.put("keptUpMeans", String.format(Locale.ROOT, "nothing lost, rejected or dropped; driver held >= %.0f%% of the rate;"
                + " p99 <= %.0f ms; last answer within %.1f s of the last message", StepResult.HELD_SHARE * 100,
                StepResult.MAX_P99_MS, StepResult.MAX_BEHIND_SECONDS));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("work", work.toString());
        return m;
    }

    private static Map<String, Object> summary(Plan plan, double good, double bad, StepResult best, StepResult half) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "summary");
        m.put("system", plan.settings().system());
        m.put("round", plan.settings().round());
        m.put("batch", plan.batch());
        m.put("highestKeptUp", good);
        m.put("firstNotKeptUp", Double.isNaN(bad) ? null : bad);
        m.put("atHighest", best == null ? null : Map.of("p50", best.latencyMs().p50(), "p99", best.latencyMs().p99(),
                "scoredReadingsPerSecond", best.scoredReadingsPerSecond()));
        m.put("atHalf", half == null ? null : Map.of("rate", half.rate(), "p50", half.latencyMs().p50(), "p99", half.latencyMs().p99(),
                "ok", half.ok()));
        return m;
    }

    private static StepResult report(StepResult r) {
        print(r);
        System.err.printf(Locale.ROOT, "%-16s %-6s %8.0f/s  published %8.0f/s  scored %8.0f/s  lost %d  p50 %.2f ms  p99 %.2f ms"
                        + "  max %.1f ms  cpu target/broker/driver %.1f/%.1f/%.1f s  %s%n", r.system(), r.kind(), r.rate(),
                r.published().perSecond(), r.scoredReadingsPerSecond(), r.scores().lost(), r.latencyMs().p50(),
                r.latencyMs().p99(), r.latencyMs().max(), r.cpuSeconds().target(), r.cpuSeconds().broker(),
                r.cpuSeconds().driver(), r.ok() ? "ok" : "NOT KEPT UP: " + String.join("; ", r.why()));
        return r;
    }

    private static void print(Object o) {
        try {
            System.out.println(JSON.writeValueAsString(o));
            System.out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
