package org.prognos.inference.mqtt;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.prognos.PrognosException;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.Applied;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.state.Commit;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.inference.tenant.Tenant;
import org.prognos.live.device.DeadLetter;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.ScoreMessage;
import org.prognos.live.sparkplug.Decoded;
import org.prognos.live.sparkplug.SparkplugDecoder;
import org.prognos.live.topic.TopicTemplate;
import org.prognos.models.ModelNotFoundException;

/**
 * Streams MQTT messages into the asset states. One worker takes what the broker sent in batches of up to
 * {@code mqtt.maxBatch}: each message is routed by its topic (the subscription's template names the asset, the
 * subscription the model), read with the same code and error messages as the HTTP streaming call, and applied; then
 * the batch is made durable with one synced write, and only then are its messages acknowledged (PUBACK). A message
 * that cannot be used is republished to {@code {deadLetterTopic}/{reason}} with the reason, counted, logged at most
 * once a minute per asset and reason, and acknowledged once the dead letter is with the broker; it stops nothing else.
 * A redelivered message already applied (the service died between the write and the PUBACK) is recognised by its
 * fingerprint and acknowledged without being applied twice. Times are held to the same bounds as HTTP readings (the
 * {@link BodyReader}'s), a time too far ahead is dead-lettered as {@code future_time}; a subscription's messages feed
 * the assets of its {@code tenant} (the default tenant unless it names one).
 *
 * <p>If the store cannot be written, the worker stops without acknowledging: the broker keeps the messages for the
 * session, and a restart recovers from what is on disk.
 */
public final class MqttIngest implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MqttIngest.class.getName());

    private final MqttConfig config;
    private final StreamingService streaming;
    private final JsonCodec json;
    private final BodyReader bodies;
    private final ServiceMetrics metrics;
    private final MqttLink link;
    private final List<Route> routes;
    private final RejectLog rejectLog;
    private final BlockingQueue<Inbound> queue;
    private final Thread worker;
    private final Optional<TopicTemplate> scoreTopic;
    private final SparkplugDecoder decoder = new SparkplugDecoder();
    private final SparkplugWindows sparkplugWindows = new SparkplugWindows();
    private final Rebirths rebirth;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private MqttIngest(MqttConfig config, StreamingService streaming, JsonCodec json, BodyReader bodies, ServiceMetrics metrics,
                       MqttLink link, LongSupplier nanoTime) {
        this.config = config;
        this.streaming = streaming;
        this.json = json;
        this.bodies = bodies;
        this.metrics = metrics;
        this.link = link;
        this.routes = config.subscriptions().stream().map(Route::of).toList();
        this.rejectLog = new RejectLog(nanoTime);
        this.queue = new ArrayBlockingQueue<>(config.receiveMaximum() + config.maxBatch());
        this.scoreTopic = Optional.ofNullable(config.scoreTopic()).map(TopicTemplate::parse);
        this.rebirth = new Rebirths(link, nanoTime);
        this.worker = new Thread(this::work, "prognos-mqtt-ingest");
        this.worker.setDaemon(true);
        if (scoreTopic.isPresent()) {
            streaming.scoreOnIngest();
        }
    }

    /**
     * Connects to the broker, subscribes, and starts applying what arrives.
     *
     * @throws PrognosException when the broker cannot be reached or refuses us (the message says which and why)
     */
    public static MqttIngest start(MqttConfig config, StreamingService streaming, JsonCodec json, BodyReader bodies,
                                   ServiceMetrics metrics, Map<String, String> env) {
        MqttIngest ingest = new MqttIngest(config, streaming, json, bodies, metrics, new HiveLink(config, env, metrics),
                System::nanoTime);
        ingest.worker.start();
        try {
            ingest.link.start(ingest.routes.stream().map(r -> r.template.filter()).distinct().toList(), ingest::receive, 15);
        } catch (RuntimeException e) {
            ingest.close();
            throw e;
        }
        return ingest;
    }

    /** Publishes at QoS 1 on the service's connection (alerts use it). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return link.publish(topic, payload, retain);
    }

    /** Whether the broker connection is up. */
    public boolean connected() {
        return link.connected();
    }

    /** Why ingestion stopped, if it did (the store could not be written). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void receive(Inbound in) {
        try {
            queue.put(in);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        List<Inbound> batch = new ArrayList<>(config.maxBatch());
        while (running) {
            try {
                Inbound first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure = e;
                running = false;
                LOG.log(Level.ERROR, "MQTT ingestion stopped: " + e.getMessage() + "; the unacknowledged messages stay with"
                        + " the broker, restart the service to recover", e);
                return;
            }
        }
    }

    /** Applies a batch, makes it durable, acknowledges it, and publishes the scores. */
    private void process(List<Inbound> batch) {
        Commit commit = streaming.begin();
        List<Inbound> applied = new ArrayList<>(batch.size());
        for (Inbound in : batch) {
            try {
                metrics.mqttMessage(handle(commit, in));
                applied.add(in);
            } catch (Rejected r) {
                deadLetter(in, r);
            }
        }
        long t0 = System.nanoTime();
        List<AssetScore> scores = streaming.commit(commit);
        metrics.committed(System.nanoTime() - t0);
        for (Inbound in : applied) {
            in.ack().run();
        }
        scoreTopic.ifPresent(t -> publishScores(t, scores));
    }

    /** Applies one message; its outcome for {@code prognos_mqtt_messages_total}. */
    private String handle(Commit commit, Inbound in) {
        Route route = route(in.topic());
        if (route.format.equals("sparkplug")) {
            return sparkplug(commit, in, route);
        }
        String asset = route.template.match(in.topic()).orElseThrow();
        return outcome(guarded(asset, () -> {
            AssetKey key = AssetKey.of(route.tenant, asset);
            String model = streaming.modelFor(key, route.model);
            WindowSchema schema = streaming.schema(model);
            ReadingWindow window = read(in, asset, schema);
            return streaming.apply(commit, key, model, window, fingerprint(in));
        }));
    }

    /** Applies a Sparkplug B message: its devices' readings and events, births and deaths. */
    private String sparkplug(Commit commit, Inbound in, Route route) {
        Decoded decoded = decoder.decode(in.topic(), in.payload(), System.currentTimeMillis());
        if (decoded instanceof Decoded.Rejected r) {
            if (r.reason().rebirthNeeded()) {
                rebirth.request(in.topic());
            }
            throw new Rejected(r.reason().label(), "", r.detail(), null);
        }
        if (decoded instanceof Decoded.Ignored) {
            return "ignored";
        }
        long fingerprint = fingerprint(in);
        boolean any = false;
        for (DeviceMessage m : decoded.messages()) {
            if (m instanceof DeviceMessage.Telemetry t && (!t.samples().isEmpty() || !t.events().isEmpty())) {
                long f = fingerprint ^ t.asset().hashCode();
                Applied a = guarded(t.asset(), () -> {
                    AssetKey key = AssetKey.of(route.tenant, t.asset());
                    String model = streaming.modelFor(key, route.model);
                    WindowSchema schema = streaming.schema(model);
                    ReadingWindow window = sparkplugWindows.window(t, schema, bodies.bounds());
                    return streaming.apply(commit, key, model, window, f);
                });
                any |= a instanceof Applied.Accepted;
            }
        }
        // presences after the readings: a birth's readings create the asset whose presence it announces
        for (DeviceMessage m : decoded.messages()) {
            if (m instanceof DeviceMessage.Presence p) {
                if (AssetKey.ASSET_NAME.matcher(p.asset()).matches()) {   // else no asset has that id: nothing to mark
                    streaming.presence(AssetKey.of(route.tenant, p.asset()), p.online());
                }
                if (!p.online()) {
                    sparkplugWindows.forget(p.asset());
                }
                any = true;
            }
        }
        return any ? "applied" : "duplicate";
    }

    private static String outcome(Applied a) {
        return a instanceof Applied.Duplicate ? "duplicate" : "applied";
    }

    /** Runs an application step, turning what it throws into the reason the message is rejected for. */
    private static Applied guarded(String asset, Supplier<Applied> step) {
        try {
            return step.get();
        } catch (Rejected r) {
            throw r;
        } catch (ModelNotFoundException e) {
            throw new Rejected(Rejected.UNKNOWN_MODEL, asset, e.getMessage(), e);
        } catch (ConflictException e) {
            throw new Rejected(Rejected.MODEL_CONFLICT, asset, e.getMessage(), e);
        } catch (InvalidRequestException e) {
            throw new Rejected(reason(e), asset, e.getMessage(), e);
        }
    }

    /** The reason an invalid message is dead-lettered under, from its (first) problem. */
    private static String reason(InvalidRequestException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith("asset id") ? Rejected.ASSET_NAME
                : m.contains("must arrive in increasing time") ? Rejected.OUT_OF_ORDER
                : m.contains(TimeBounds.IN_THE_FUTURE) ? Rejected.FUTURE
                : Rejected.INVALID;
    }

    private ReadingWindow read(Inbound in, String asset, WindowSchema schema) {
        try {
            ReadingsRequest request = json.read(in.payload(), ReadingsRequest.class);
            return bodies.readings(asset, request, schema);
        } catch (InvalidRequestException e) {
            Throwable c = e.getCause();
            String reason = c instanceof JsonParseException || in.payload().length == 0 ? Rejected.MALFORMED
                    : c instanceof UnrecognizedPropertyException ? Rejected.UNKNOWN_FIELD : reason(e);
            throw new Rejected(reason, asset, e.getMessage(), e);
        }
    }

    private Route route(String topic) {
        for (Route r : routes) {
            // a JSON route's template names the asset; a Sparkplug topic names its devices itself
            if (r.template.match(topic).filter(a -> !a.isEmpty() || r.format.equals("sparkplug")).isPresent()) {
                return r;
            }
        }
        throw new Rejected(Rejected.NO_ROUTE, "", "no subscription's topic template names an asset in '" + topic + "'", null);
    }

    private void deadLetter(Inbound in, Rejected r) {
        metrics.mqttRejected(r.reason());
        rejectLog.log(r, in.topic());
        byte[] letter = json.write(DeadLetter.of(in.topic(), in.payload(), r.reason(), r.getMessage(), r.asset(), Instant.now()));
        link.publish(config.deadLetterTopic() + "/" + r.reason(), letter, false).whenComplete((ok, e) -> {
            if (e == null) {
                in.ack().run();
            } else {
                LOG.log(Level.WARNING, "dead letter for " + in.topic() + " not published (" + e.getMessage() + "); the"
                        + " message is not acknowledged and the broker will send it again");
            }
        });
    }

    private void publishScores(TopicTemplate template, List<AssetScore> scores) {
        for (AssetScore s : scores) {
            link.publish(template.topicOf(s.asset()), json.write(new ScoreMessage(s.asset(), s.model().name(), s.model().version(), s.timeText(), s.risk(), s.band(), s.threshold())), false);
        }
    }

    /** A 64-bit FNV-1a of topic and payload (never 0): what recognises a redelivered message. */
    static long fingerprint(Inbound in) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < in.topic().length(); i++) {
            h = (h ^ in.topic().charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        for (byte b : in.payload()) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    @Override
    public void close() {
        running = false;
        link.close();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A subscription, compiled. */
    private record Route(TopicTemplate template, Optional<String> model, String format, Tenant tenant) {
        static Route of(MqttConfig.Subscription s) {
            return new Route(TopicTemplate.parse(s.topic()), Optional.ofNullable(s.model()), s.format(),
                    s.tenant() == null ? Tenant.DEFAULT : Tenant.of(s.tenant()));
        }
    }
}
