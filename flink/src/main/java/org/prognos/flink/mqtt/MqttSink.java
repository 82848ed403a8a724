package org.prognos.flink.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.ScoreRow;
import org.prognos.live.device.ScoreMessage;
import org.prognos.live.topic.TopicTemplate;

/**
 * Publishes the job's scores or alerts to MQTT at QoS 1, at least once: before each checkpoint the writer waits until
 * the broker has acknowledged everything published since the last one (a checkpoint never completes over an
 * unconfirmed publish), so after a restore what may be lost was published again. A consumer de-duplicates scores by
 * asset and time, alerts by {@link AlertEvent#deliveryKey()}.
 *
 * <p>Scores go to {@code topic.topicOf(asset)} as the service's {@link ScoreMessage}; alerts to
 * {@code topic.topicOf(asset)} as {@link AlertEvent} JSON, retained (the asset's latest change is what a late
 * subscriber should see first, as the service's alert topic does).
 *
 * @param broker   where to publish
 * @param name     the sink's name in its client id ({@code {clientId}-{name}-{subtask}})
 * @param topic    the topic template ({@code prognos/scores/{asset}})
 * @param payloads how an element becomes a payload
 * @param <T>      {@link ScoreRow} or {@link AlertEvent}
 */
public record MqttSink<T>(MqttBroker broker, String name, String topic, Payloads<T> payloads) implements Sink<T> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ACK_WAIT_SECONDS = 30;

    public MqttSink {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(name, "name");
        if (!TopicTemplate.parse(topic).namesAsset()) {
            throw new IllegalArgumentException("the " + name + " topic must name the asset with {asset}, found '" + topic + "'");
        }
        Objects.requireNonNull(payloads, "payloads");
    }

    /** Scores as the service's score topic carries them. */
    public static MqttSink<ScoreRow> scores(MqttBroker broker, String topic) {
        return new MqttSink<>(broker, "scores", topic, Payloads.SCORES);
    }

    /** Alert changes, retained. */
    public static MqttSink<AlertEvent> alerts(MqttBroker broker, String topic) {
        return new MqttSink<>(broker, "alerts", topic, Payloads.ALERTS);
    }

    /** The wire form of what a sink publishes: a closed set, so that the sink stays serializable without lambdas. */
    public sealed interface Payloads<T> extends java.io.Serializable {
        Payloads<ScoreRow> SCORES = new Scores();
        Payloads<AlertEvent> ALERTS = new Alerts();

        String asset(T element);

        byte[] payload(T element) throws JsonProcessingException;

        boolean retain();

        /** {@link ScoreMessage}: the time as the model's axis writes it. */
        record Scores() implements Payloads<ScoreRow> {
            @Override
            public String asset(ScoreRow s) {
                return s.asset();
            }

            @Override
            public byte[] payload(ScoreRow s) throws JsonProcessingException {
                return JSON.writeValueAsBytes(new ScoreMessage(s.asset(), s.model(), s.version(), s.timeText(), s.risk(),
                        s.band(), s.threshold()));
            }

            @Override
            public boolean retain() {
                return false;
            }
        }

        /** {@link AlertEvent}, its stable id included. */
        record Alerts() implements Payloads<AlertEvent> {
            @Override
            public String asset(AlertEvent a) {
                return a.asset();
            }

            @Override
            public byte[] payload(AlertEvent a) throws JsonProcessingException {
                return JSON.writeValueAsBytes(a);
            }

            @Override
            public boolean retain() {
                return true;
            }
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        TopicTemplate template = TopicTemplate.parse(topic);
        MqttClient client = MqttClient.publisher(broker, broker.clientId() + "-" + name + "-"
                + context.getTaskInfo().getIndexOfThisSubtask(), System.getenv());
        return new SinkWriter<>() {
            private final List<CompletableFuture<Void>> unconfirmed = new ArrayList<>();

            @Override
            public void write(T element, Context ctx) throws IOException {
                unconfirmed.add(client.publish(template.topicOf(payloads.asset(element)), payloads.payload(element),
                        payloads.retain()));
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                try {
                    CompletableFuture.allOf(unconfirmed.toArray(CompletableFuture[]::new)).get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(name + " not confirmed by the MQTT broker " + broker.url() + ": " + e.getMessage(), e);
                }
                unconfirmed.clear();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
