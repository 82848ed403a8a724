package org.prognos.benchmarks.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.prognos.cli.simulate.AssetSeries;
import org.prognos.cli.simulate.DeviceFrame;
import org.prognos.cli.simulate.FleetReplay;
import org.prognos.cli.simulate.JsonPayloads;
import org.prognos.cli.simulate.Pacing;

/**
 * Publishes a {@link FleetReplay} at fixed rates, one step at a time, and measures each step. The replay runs on from
 * step to step (lap after lap, times shifted forward), so every asset's readings keep increasing and the system under
 * test keeps its state and its JIT between steps. Messages are the simulator's ({@link JsonPayloads}: the body of the
 * HTTP readings call; the first message of an asset carries its attributes and event history), on
 * {@code fleet/{asset}/telemetry}, QoS 1, paced by {@link Pacing#rate} (a message of N readings counts N).
 *
 * <p>Flow control as in the simulator's publisher: a fixed window of payload buffers; a message waits for a free one,
 * so when the broker holds the driver back the driver falls behind its schedule, which the step reports
 * ({@code maxLagMs}, the rate achieved) instead of queueing without bound.
 */
final class LoadDriver implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    private final FleetReplay replay;
    private final JsonPayloads encoder;
    private final MqttTopic[] topics;
    private final Mqtt5AsyncClient client;
    private final Monitor monitor;
    private final Window window;
    private final Meters meters;
    private final Settings settings;
    private int nextFrame;
    private int lap;

    /**
     * How steps end and what they are labelled with.
     *
     * @param system   the system's label
     * @param round    the round's label
     * @param drainMax most time to wait for answers after publishing
     * @param quiet    a drain ends early once no answer came for this long
     * @param tick     the publishing loop's sleep: messages due within a tick go out together
     */
    record Settings(String system, String round, Duration drainMax, Duration quiet, Duration tick) {
    }

    private LoadDriver(FleetReplay replay, Mqtt5AsyncClient client, Monitor monitor, int maxInFlight, Meters meters,
                       Settings settings) {
        this.replay = replay;
        this.encoder = JsonPayloads.of(replay);
        this.topics = new MqttTopic[replay.assets().size()];
        for (AssetSeries a : replay.assets()) {
            topics[a.index()] = MqttTopic.of("fleet/" + a.id() + "/telemetry");
        }
        this.client = client;
        this.monitor = monitor;
        this.window = new Window(maxInFlight, Math.max(512, replay.batch() * 160 + 64));
        this.meters = meters;
        this.settings = settings;
    }

    /** Connects the publishing client to {@code brokerUrl}. */
    static LoadDriver connect(String brokerUrl, FleetReplay replay, Monitor monitor, int maxInFlight, Meters meters,
                              Settings settings) throws Exception {
        URI u = URI.create(brokerUrl);
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("prognos-bench-driver").serverHost(u.getHost())
                .serverPort(u.getPort()).buildAsync();
        c.connectWith().cleanStart(true).keepAlive(30).send().get(10, TimeUnit.SECONDS);
        return new LoadDriver(replay, c, monitor, maxInFlight, meters, settings);
    }

    /** How many QoS 1 messages the broker lets this client have unacknowledged (its Receive Maximum), if known. */
    OptionalInt brokerReceiveMaximum() {
        return client.getConfig().getConnectionConfig().map(c -> OptionalInt.of(c.getRestrictionsForClient().getSendMaximum()))
                .orElse(OptionalInt.empty());
    }

    /** Publishes at {@code rate} readings a second for {@code duration}, drains, and measures. */
    StepResult step(String kind, double rate, Duration duration) throws InterruptedException {
        StepLog log = new StepLog(replay.assets().size());
        monitor.record(log);
        long deadBefore = monitor.deadLetters();
        long droppedBefore = monitor.brokerDropped();
        StepResult.Cpu cpuBefore = meters.cpu();
        Sent sent = publish(log, Pacing.rate(rate), duration);
        long publishEnd = System.nanoTime();
        window.drain(ACK_TIMEOUT);
        int expected = log.expected();
        awaitAnswers(log, expected);
        double drained = (System.nanoTime() - publishEnd) / 1e9;
        ChildProcess.sleep(1100);   // one more $SYS report
        StepResult.Cpu cpu = meters.cpu().minus(cpuBefore);
        StepLog.Matched m = log.match();
        long dead = monitor.deadLetters() - deadBefore;
        long dropped = monitor.brokerDropped() - droppedBefore;
        double seconds = Math.max(duration.toNanos(), log.lastSent() - sent.start) / 1e9;
        double perSecond = sent.readings / seconds;
        double behind = m.lastAnswer() == Long.MIN_VALUE ? Double.NaN : (m.lastAnswer() - log.lastSent()) / 1e9;
        double scoredPerSecond = m.lastAnswer() == Long.MIN_VALUE ? 0 : m.readings() / ((m.lastAnswer() - log.firstSent()) / 1e9);
        StepResult.Latency latency = new StepResult.Latency(m.latencyMs(0.50), m.latencyMs(0.99), m.latencyMs(1.0));
        List<String> why = new ArrayList<>();
        if (m.lost() > 0) {
            why.add(m.lost() + " lost");
        }
        if (dead > 0) {
            why.add(dead + " dead letters");
        }
        if (dropped > 0) {
            why.add("broker dropped " + dropped);
        }
        if (sent.failure != null) {
            why.add("publish failed: " + sent.failure);
        }
        if (perSecond < StepResult.HELD_SHARE * rate) {
            why.add(String.format(Locale.ROOT, "driver held %.0f of %.0f readings/s", perSecond, rate));
        }
        if (!(latency.p99() <= StepResult.MAX_P99_MS)) {
            why.add("p99 " + latency.p99() + " ms");
        }
        if (!(behind <= StepResult.MAX_BEHIND_SECONDS)) {
            why.add(String.format(Locale.ROOT, "last answer %.2f s after the last message", behind));
        }
        return new StepResult("step", settings.system(), settings.round(), kind, replay.batch(), rate, seconds,
                new StepResult.Published(log.published(), sent.readings, perSecond, sent.maxLagNanos / 1e6),
                new StepResult.Scores(expected, m.unique(), m.duplicates(), m.unmatched(), m.lost(), dead),
                latency, scoredPerSecond, behind, drained, dropped, cpu, meters.targetRssMb().orElse(null), loadAverage(),
                why.isEmpty(), why);
    }

    /** Waits until no answer arrives for {@code settings.quiet} (up to {@code max}): lets a system that fell behind catch up. */
    void settle(Duration max) {
        StepLog log = new StepLog(replay.assets().size());
        monitor.record(log);
        awaitQuiet(log, Integer.MAX_VALUE, max);
    }

    /** What the publishing loop did. */
    private record Sent(long start, long readings, long maxLagNanos, Throwable failure) {
    }

    private Sent publish(StepLog log, Pacing pacing, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long readings = 0;
        long maxLag = 0;
        long tick = settings.tick().toNanos();
        long awake = start;
        while (true) {
            long due = start + pacing.dueNanos(0, readings);
            if (due >= end || window.failed()) {
                break;
            }
            // messages go out in bursts, one per tick: every message due by the wake-up, then sleep a tick (or until the
            // next is due); a wake-up per message would cost the driver a timer and a socket write each
            long wake = Math.max(due, awake + tick);
            if (System.nanoTime() < due) {
                for (long now = System.nanoTime(); now < wake; now = System.nanoTime()) {
                    LockSupport.parkNanos(wake - now);
                }
                awake = System.nanoTime();
            }
            DeviceFrame frame = replay.frame(nextFrame, lap);
            ByteBuffer buffer = window.acquire();
            if (buffer == null) {
                break;
            }
            ByteBuffer payload = encoder.encode(frame, buffer);
            int asset = frame.asset().index();
            long at = System.nanoTime();
            maxLag = Math.max(maxLag, at - due);
            log.published(asset, frame.time(), frame.readingCount(), at);
            client.publishWith().topic(topics[asset]).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .whenComplete((result, error) -> window.release(payload,
                            error != null ? error : result.getError().orElse(null)));
            readings += frame.readingCount();
            advance();
        }
        return new Sent(start, readings, maxLag, window.failure.get());
    }

    private void advance() {
        if (++nextFrame == replay.frames()) {
            nextFrame = 0;
            lap++;
        }
    }

    /** Waits for {@code expected} answers, or until none came for {@code settings.quiet}, or {@code settings.drainMax}. */
    private void awaitAnswers(StepLog log, int expected) {
        awaitQuiet(log, expected, settings.drainMax());
    }

    private void awaitQuiet(StepLog log, int expected, Duration max) {
        long start = System.nanoTime();
        long quiet = settings.quiet().toNanos();
        int seen = log.receivedCount();
        long changed = start;
        while (true) {
            ChildProcess.sleep(POLL_MILLIS);
            long now = System.nanoTime();
            int count = log.receivedCount();
            if (count >= expected || now - start > max.toNanos()) {
                return;
            }
            if (count != seen) {
                seen = count;
                changed = now;
            } else if (now - changed > quiet) {
                return;
            }
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    /**
     * The processes whose CPU time a step reports.
     *
     * @param target the system under test (empty when started elsewhere)
     * @param broker the broker (empty when given)
     */
    record Meters(Optional<ChildProcess> target, Optional<ChildProcess> broker) {
        StepResult.Cpu cpu() {
            double self = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            return new StepResult.Cpu(target.map(ChildProcess::cpuSeconds).orElse(0.0),
                    broker.map(ChildProcess::cpuSeconds).orElse(0.0), self);
        }

        Optional<Double> targetRssMb() {
            return target.flatMap(t -> t.memoryMb("VmRSS"));
        }
    }

    /** The payload buffers not in flight, and the first failure the client reported (as in the simulator's publisher). */
    private static final class Window {
        final ArrayBlockingQueue<ByteBuffer> free;
        final int size;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Window(int size, int capacity) {
            this.size = size;
            this.free = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                free.add(ByteBuffer.allocate(capacity));
            }
        }

        boolean failed() {
            return failure.get() != null;
        }

        /** A free buffer, waiting for one; null once a message failed. */
        ByteBuffer acquire() throws InterruptedException {
            ByteBuffer b;
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (failed()) {
                    return null;
                }
            }
            return b;
        }

        /** Called by the client's thread when a message is acknowledged (or lost). */
        void release(ByteBuffer b, Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            free.offer(b);
        }

        /** Waits until every message is acknowledged or failed. */
        void drain(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (free.size() < size && !failed()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker acknowledged none of the last " + (size - free.size())
                            + " messages in " + timeout.toSeconds() + " s");
                }
                Thread.sleep(1);
            }
        }
    }
}
