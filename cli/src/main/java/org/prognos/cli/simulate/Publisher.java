package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.MqttVersion;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.prognos.features.InvalidSpecException;

/**
 * Sends a {@link FleetReplay} to an MQTT broker as its devices would: message after message in the replay's order,
 * each when its {@link Pacing} says, on its asset's topic, through HiveMQ's asynchronous client.
 *
 * <p>Flow control: a fixed window of {@link PublishOptions#maxInFlight()} payload buffers. Sending a message takes
 * one, encodes into it and hands it to the client; the buffer comes back when the message is done (QoS 1: the broker
 * acknowledged it; QoS 0: it was written). When none is free the publisher waits, so neither the client's queue nor
 * memory grows when the broker is slower than the schedule, and the loop allocates no buffer after the first
 * {@code maxInFlight} messages. Topics are built once per asset.
 *
 * <p>Failure: a message the client reports lost (the connection dropped, the broker refused it) stops the run with a
 * {@link BrokerException} naming the broker; there is no reconnect, so nothing is sent twice or out of order.
 * {@link #stop()} (another thread, e.g. a shutdown hook) ends a run after the message in hand; what was sent is still
 * waited for and counted.
 */
public final class Publisher implements AutoCloseable {
    /** Seconds without a single acknowledgement, at the end of a run, before the broker is given up on. */
    static final int DRAIN_TIMEOUT_SECONDS = 30;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BrokerSettings settings;
    private final MqttLink link;
    private volatile boolean stopped;

    private Publisher(BrokerSettings settings, MqttLink link) {
        this.settings = settings;
        this.link = link;
    }

    /**
     * Connects to the broker with the first of its settings' MQTT versions it speaks.
     *
     * @throws BrokerException naming the URL when the broker cannot be reached or refuses the connection
     */
    public static Publisher connect(BrokerSettings settings) {
        return new Publisher(settings, MqttLink.connect(settings));
    }

    /** The MQTT version spoken. */
    public MqttVersion version() {
        return link.version();
    }

    /** The broker's settings. */
    public BrokerSettings settings() {
        return settings;
    }

    /**
     * Sends {@code replay} {@code options.laps()} times (or until {@link #stop()}), then waits until every message is done.
     *
     * @param progress called on this thread about every {@link PublishOptions#progressEvery()}
     * @return what was sent
     * @throws BrokerException when a message is lost or the broker stops acknowledging
     */
    public PublishStats run(FleetReplay replay, FrameEncoder encoder, PublishOptions options, Consumer<PublishStats> progress) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(progress, "progress");
        MqttTopic[] topics = topics(replay, options.topics());
        Window window = new Window(options.maxInFlight(), initialCapacity(replay));
        Counters sent = new Counters(System.nanoTime());
        long every = options.progressEvery().toNanos();
        long nextProgress = sent.start + every;
        try {
            laps:
            for (int lap = 0; lap < options.laps(); lap++) {
                sent.laps = lap + 1;
                for (int i = 0; i < replay.frames(); i++) {
                    DeviceFrame frame = replay.frame(i, lap);
                    long due = sent.start + options.pacing().dueNanos(frame.time() - replay.firstTime(), sent.readings);
                    for (long now = System.nanoTime(); ; now = System.nanoTime()) {
                        if (stopped || window.failed()) {
                            break laps;
                        }
                        if (now >= nextProgress) {
                            progress.accept(sent.stats(now));
                            nextProgress = now + every;
                        }
                        if (now >= due) {
                            break;
                        }
                        LockSupport.parkNanos(Math.min(due - now, nextProgress - now));
                    }
                    ByteBuffer buffer = window.acquire();
                    if (buffer == null) {
                        break laps;
                    }
                    ByteBuffer payload = encoder.encode(frame, buffer);
                    sent.add(frame, payload.remaining());
                    link.publish(topics[frame.asset().index()], options.qos(), payload)
                            .whenComplete((done, error) -> window.release(payload, error));
                }
            }
            window.drain(settings.url());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while publishing to the MQTT broker at " + settings.url(), e);
        }
        Throwable failure = window.failure.get();
        if (failure != null) {
            throw new BrokerException("lost the MQTT broker at " + settings.url() + " after " + sent.messages + " messages: "
                    + MqttLink.rootMessage(failure), failure);
        }
        return sent.stats(System.nanoTime());
    }

    /** Ends a running {@link #run} after the message in hand. Thread-safe. */
    public void stop() {
        stopped = true;
    }

    /** Disconnects from the broker. */
    @Override
    public void close() {
        link.disconnect();
    }

    private static MqttTopic[] topics(FleetReplay replay, TopicTemplate template) {
        MqttTopic[] topics = new MqttTopic[replay.assets().size()];
        for (AssetSeries a : replay.assets()) {
            String topic = template.topic(a.id());
            try {
                topics[a.index()] = MqttTopic.of(topic);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("'" + topic + "' is no MQTT topic: " + e.getMessage());
            }
        }
        return topics;
    }

    /** Room for a full message of plain numbers; a buffer grows when a message needs more (first contact). */
    private static int initialCapacity(FleetReplay replay) {
        return Math.max(256, replay.batch() * (32 + 28 * replay.channels().size()) + 64);
    }

    /** The running totals. Touched by the publishing thread only. */
    private static final class Counters {
        final long start;
        long messages;
        long readings;
        long events;
        long bytes;
        long dataTime = Long.MIN_VALUE;
        int laps;

        Counters(long start) {
            this.start = start;
        }

        void add(DeviceFrame frame, int payloadBytes) {
            messages++;
            readings += frame.readingCount();
            events += frame.eventCount();
            bytes += payloadBytes;
            dataTime = frame.time();
        }

        PublishStats stats(long now) {
            return new PublishStats(messages, readings, events, bytes, now - start,
                    messages == 0 ? OptionalLong.empty() : OptionalLong.of(dataTime), laps);
        }
    }

    /** The payload buffers not in flight, and the first failure the client reported. */
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
            while ((b = free.poll(POLL_NANOS, TimeUnit.NANOSECONDS)) == null) {
                if (failed()) {
                    return null;
                }
            }
            return b;
        }

        /** Called by the client's thread when a message is done. */
        void release(ByteBuffer b, Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            free.offer(b);
        }

        /** Waits until every message is done or failed, giving up after a long silence. */
        void drain(String url) throws InterruptedException {
            int inFlight = size - free.size();
            long quietSince = System.nanoTime();
            while (inFlight > 0 && !failed()) {
                Thread.sleep(1);
                int now = size - free.size();
                if (now < inFlight) {
                    inFlight = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS)) {
                    throw new BrokerException("the MQTT broker at " + url + " acknowledged none of the last " + inFlight
                            + " messages in " + DRAIN_TIMEOUT_SECONDS + " s");
                }
            }
        }
    }
}
