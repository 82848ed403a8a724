package org.prognos.flink.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.prognos.flink.score.AssetWindow;

/**
 * Device messages from an MQTT broker as {@link AssetWindow}s (a FLIP-27 source, unbounded), at least once through
 * failures: each reader subscribes at QoS 1 on a persistent session and acknowledges a message only when the
 * checkpoint that covers it completes ({@link MqttReader}). A bad message goes to {@code {deadLetterTopic}/{reason}}.
 *
 * <p>Parallelism: the broker, not Flink, divides the messages, so there are no splits to assign. With parallelism 1
 * the one reader subscribes to the filters as they are. With more, set {@code sharedGroup}: reader {@code i} subscribes
 * to {@code $share/{sharedGroup}/{filter}} (MQTT 5 shared subscriptions), and the broker spreads the messages over the
 * readers; an asset's messages must then all come on topics that the broker sends to one reader, which brokers do
 * not promise (mosquitto deals round robin per message), so keep parallelism 1 unless the broker routes by topic.
 *
 * @param broker          where to connect
 * @param subscriptions   what to subscribe to, and how to read it
 * @param deadLetterTopic where bad messages go, under their reason
 * @param sharedGroup     the shared subscription group, "" for none (then parallelism must be 1)
 */
public record MqttSource(MqttBroker broker, List<MqttSubscription> subscriptions, String deadLetterTopic, String sharedGroup)
        implements Source<AssetWindow, MqttSource.NoSplit, Integer> {
    public MqttSource {
        Objects.requireNonNull(broker, "broker");
        subscriptions = List.copyOf(subscriptions);
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        sharedGroup = sharedGroup == null ? "" : sharedGroup;
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("the MQTT source needs at least one subscription");
        }
        if (deadLetterTopic.isBlank() || deadLetterTopic.contains("+") || deadLetterTopic.contains("#")) {
            throw new IllegalArgumentException("deadLetterTopic must be a topic without wildcards, found '" + deadLetterTopic + "'");
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<AssetWindow, NoSplit> createReader(SourceReaderContext context) {
        int parallelism = context.currentParallelism();
        if (parallelism > 1 && sharedGroup.isEmpty()) {
            throw new IllegalStateException("the MQTT source runs with parallelism " + parallelism + " but has no sharedGroup:"
                    + " every reader would receive every message; set source.sharedGroup or parallelism 1");
        }
        return new MqttReader(this, context.getIndexOfSubtask(), parallelism, System.getenv());
    }

    @Override
    public SplitEnumerator<NoSplit, Integer> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
        return new NoSplits();
    }

    @Override
    public SplitEnumerator<NoSplit, Integer> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Integer checkpoint) {
        return new NoSplits();
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
        return new IntSerializer();
    }

    /** The filter reader {@code subtask} subscribes to for {@code filter}. */
    String filter(String filter, int parallelism) {
        return sharedGroup.isEmpty() || parallelism < 1 ? filter : "$share/" + sharedGroup + "/" + filter;
    }

    /** Never made: the broker divides the messages. Flink's API wants a split type all the same. */
    public record NoSplit(String splitId) implements SourceSplit {
    }

    /** The enumerator of a source without splits: nothing to assign, nothing to keep. */
    private static final class NoSplits implements SplitEnumerator<NoSplit, Integer> {
        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
        }

        @Override
        public void addSplitsBack(List<NoSplit> splits, int subtaskId) {
        }

        @Override
        public void addReader(int subtaskId) {
        }

        @Override
        public Integer snapshotState(long checkpointId) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<NoSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(NoSplit split) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                out.writeUTF(split.splitId());
            }
            return b.toByteArray();
        }

        @Override
        public NoSplit deserialize(int version, byte[] serialized) throws IOException {
            return new NoSplit(new java.io.DataInputStream(new java.io.ByteArrayInputStream(serialized)).readUTF());
        }
    }

    private static final class IntSerializer implements SimpleVersionedSerializer<Integer> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Integer value) {
            return ByteBuffer.allocate(4).putInt(value).array();
        }

        @Override
        public Integer deserialize(int version, byte[] serialized) {
            return ByteBuffer.wrap(serialized).getInt();
        }
    }
}
