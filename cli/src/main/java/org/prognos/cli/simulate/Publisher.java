package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.MqttVersion;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends a {@link FleetReplay} to an MQTT broker as its devices would: frame after frame in the replay's order, each when
 * its {@link Pacing} says, written into messages by a {@link FrameEncoder}, through HiveMQ's asynchronous client.
 *
 * <p>Connections: one per {@link FrameEncoder#connections()}, opened by {@link #connect}, each with its will and its
 * command subscriptions (Sparkplug B: one per edge node). A connection's client id is the settings' when there is one,
 * else the settings' followed by {@code -} and the connection's name. The first connection finds the MQTT version
 * the broker speaks; the others use it.
 *
 * <p>Flow control: a fixed window of {@link PublishOptions#maxInFlight()} payload buffers, whatever the connection.
 * Sending a message takes one, copies the encoder's payload into it and hands it to the client; the buffer comes back
 * when the message is done (QoS 1: the broker acknowledged it; QoS 0: it was written). When none is free the publisher
 * waits, so neither the client's queue nor memory grows when the broker is slower than the schedule, and the loop
 * allocates no buffer after the first {@code maxInFlight} messages (but to grow one for a larger payload).
 *
 * <p>Commands: what arrives on a command subscription is queued by the client's thread and answered by the publishing
 * thread, which wakes for it while it waits for a frame's time; so the encoder, like the loop, is single-threaded.
 *
 * <p>Failure: a message the client reports lost (the connection dropped, the broker refused it) stops the run with a
 * {@link BrokerException} naming the broker; there is no reconnect, so nothing is sent twice or out of order.
 * {@link #stop()} (another thread, e.g. a shutdown hook) ends a run after the frame in hand; the encoder still closes
 * (Sparkplug B: deaths), and what was sent is still waited for and counted.
 */
public final class Publisher implements AutoCloseable {
    /** Seconds without a single acknowledgement, at the end of a run, before the broker is given up on. */
    static final int DRAIN_TIMEOUT_SECONDS = 30;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BrokerSettings settings;
    private final FrameEncoder encoder;
    private final List<MqttLink> links;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private volatile Thread publishing;
    private volatile boolean stopped;

    private Publisher(BrokerSettings settings, FrameEncoder encoder) {
        this.settings = settings;
        this.encoder = encoder;
        this.links = new ArrayList<>(encoder.connections().size());
    }

    /**
     * Opens the encoder's connections, with the first of its settings' MQTT versions the broker speaks, and subscribes
     * to their commands.
     *
     * @throws BrokerException naming the URL when the broker cannot be reached or refuses a connection or subscription
     */
    public static Publisher connect(BrokerSettings settings, FrameEncoder encoder) {
        Objects.requireNonNull(settings, "settings");
        Publisher publisher = new Publisher(settings, Objects.requireNonNull(encoder, "encoder"));
        try {
            publisher.open();
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        return publisher;
    }

    private void open() {
        List<Connection> connections = encoder.connections();
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            BrokerSettings s = connections.size() == 1 ? settings : settings.withClientId(settings.clientId() + "-" + c.name());
            if (i > 0) {
                s = s.withVersions(List.of(links.get(0).version()));
            }
            MqttLink link = MqttLink.connect(s, c.will());
            links.add(link);
            int connection = i;
            for (String filter : c.commands()) {
                link.subscribe(filter, (topic, payload) -> received(new Command(connection, topic, payload)));
            }
        }
    }

    /** Called by the client's thread: queues the command and wakes the publishing thread. */
    private void received(Command command) {
        commands.add(command);
        Thread t = publishing;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The MQTT version spoken. */
    public MqttVersion version() {
        return links.get(0).version();
    }

    /** The broker's settings. */
    public BrokerSettings settings() {
        return settings;
    }

    /** What writes the messages. */
    public FrameEncoder encoder() {
        return encoder;
    }

    /**
     * Sends {@code replay} {@code options.laps()} times (or until {@link #stop()}), closes the encoder's run, then waits
     * until every message is done.
     *
     * @param replay   the replay the encoder was made for
     * @param progress called on this thread about every {@link PublishOptions#progressEvery()}
     * @return what was sent
     * @throws BrokerException when a message is lost or the broker stops acknowledging
     */
    public PublishStats run(FleetReplay replay, PublishOptions options, Consumer<PublishStats> progress) {
        Objects.requireNonNull(progress, "progress");
        Window window = new Window(options.maxInFlight(), initialCapacity(replay));
        Run run = new Run(window, options, progress);
        publishing = Thread.currentThread();
        try {
            encoder.open(run);
            run.frames(replay);
            if (!window.failed()) {
                encoder.close(run);
            }
            window.drain(settings.url());
        } catch (WindowFailed e) {
            // a message was lost while the encoder was sending: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        } finally {
            publishing = null;
        }
        Throwable failure = window.failure.get();
        if (failure != null) {
            throw new BrokerException("lost the MQTT broker at " + settings.url() + " after " + run.sent.messages
                    + " messages: " + MqttLink.rootMessage(failure), failure);
        }
        return run.sent.stats(System.nanoTime());
    }

    /** Ends a running {@link #run} after the frame in hand. Thread-safe. */
    public void stop() {
        stopped = true;
    }

    /** Disconnects from the broker. */
    @Override
    public void close() {
        links.forEach(MqttLink::disconnect);
    }

    private BrokerException interrupted(InterruptedException e) {
        return new BrokerException("interrupted while publishing to the MQTT broker at " + settings.url(), e);
    }

    /** Room for a full message of plain numbers; a buffer grows when a message needs more (first contact). */
    private static int initialCapacity(FleetReplay replay) {
        return Math.max(256, replay.batch() * (32 + 28 * replay.channels().size()) + 64);
    }

    /** One run: the loop's state, and the {@link Outbox} its encoder writes into. Touched by the publishing thread only. */
    private final class Run implements Outbox {
        final Window window;
        final PublishOptions options;
        final Consumer<PublishStats> progress;
        final Counters sent = new Counters(System.nanoTime());
        final long every;
        long nextProgress;

        Run(Window window, PublishOptions options, Consumer<PublishStats> progress) {
            this.window = window;
            this.options = options;
            this.progress = progress;
            this.every = options.progressEvery().toNanos();
            this.nextProgress = sent.start + every;
        }

        /** Every frame of every lap, each when due, until the end, a stop or a lost message. */
        void frames(FleetReplay replay) {
            int finalLap = options.laps() - 1;
            for (int lap = 0; lap < options.laps(); lap++) {
                sent.laps = lap + 1;
                for (int i = 0; i < replay.frames(); i++) {
                    DeviceFrame frame = replay.frame(i, lap);
                    if (!awaitDue(sent.start + options.pacing().dueNanos(frame.time() - replay.firstTime(), sent.readings))) {
                        return;
                    }
                    encoder.encode(frame, this);
                    sent.frame(frame);
                    if (lap == finalLap && frame.lastOfLap()) {
                        encoder.deviceEnded(frame, this);
                    }
                }
            }
        }

        /**
         * Waits until {@code due}, reporting progress and answering commands meanwhile; false when the run is to end
         * (stopped, or a message was lost).
         */
        boolean awaitDue(long due) {
            for (long now = System.nanoTime(); ; now = System.nanoTime()) {
                if (stopped || window.failed()) {
                    return false;
                }
                for (Command c = commands.poll(); c != null; c = commands.poll()) {
                    encoder.command(c, this);
                }
                if (now >= nextProgress) {
                    progress.accept(sent.stats(now));
                    nextProgress = now + every;
                }
                if (now >= due) {
                    return true;
                }
                LockSupport.parkNanos(Math.min(due - now, nextProgress - now));
            }
        }

        @Override
        public void send(int connection, MqttTopic topic, byte[] payload, int offset, int length) {
            MqttLink link = links.get(connection);
            ByteBuffer buffer;
            try {
                buffer = window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
            ByteBuffer b = buffer.capacity() >= length ? buffer : ByteBuffer.allocate(Math.max(length, 2 * buffer.capacity()));
            b.clear();
            b.put(payload, offset, length).flip();
            sent.message(length);
            link.publish(topic, options.qos(), b).whenComplete((done, error) -> window.release(b, error));
        }
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

        void message(int payloadBytes) {
            messages++;
            bytes += payloadBytes;
        }

        void frame(DeviceFrame frame) {
            readings += frame.readingCount();
            events += frame.eventCount();
            dataTime = frame.time();
        }

        PublishStats stats(long now) {
            return new PublishStats(messages, readings, events, bytes, now - start,
                    dataTime == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(dataTime), laps);
        }
    }

    /** Thrown out of an encoder's send when a message was lost while it waited for a buffer; the run ends. */
    private static final class WindowFailed extends RuntimeException {
        WindowFailed() {
            super("a message was lost", null, false, false);
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

        /**
         * A free buffer, waiting for one.
         *
         * @throws WindowFailed once a message failed
         */
        ByteBuffer acquire() throws InterruptedException {
            ByteBuffer b;
            while ((b = free.poll(POLL_NANOS, TimeUnit.NANOSECONDS)) == null) {
                if (failed()) {
                    throw new WindowFailed();
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
