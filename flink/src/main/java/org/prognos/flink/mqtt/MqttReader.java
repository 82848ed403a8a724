package org.prognos.flink.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.prognos.PrognosException;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeadLetter;
import org.prognos.live.sparkplug.InvalidTopicException;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;
import org.prognos.live.sparkplug.SparkplugTopic;

/**
 * One subscriber of {@link MqttSource}. Messages wait in a queue filled by the MQTT client's thread; the task thread
 * decodes them in arrival order and emits their windows. A message is acknowledged (PUBACK) only when the checkpoint
 * taken after it was emitted completes: until then the broker holds it for our persistent session, and if the job
 * fails it sends it again to the restored reader (same client id), which emits it again from the restored state. A
 * message emitted and checkpointed whose acknowledgement the failure cut off comes again too; the keyed scoring
 * function refuses it as not after the asset's last reading, so no reading is applied twice.
 *
 * <p>A bad message is published to {@code {deadLetterTopic}/{reason}} (the service's {@link DeadLetter} document) and
 * acknowledged with the checkpoint, which waits for the broker to have the dead letter. A Sparkplug message the
 * decoder has no birth for also asks its edge node for a rebirth, at most once every 10 s per node.
 */
final class MqttReader implements SourceReader<AssetWindow, MqttSource.NoSplit> {
    private static final System.Logger LOG = System.getLogger(MqttReader.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REBIRTH_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DEAD_LETTER_WAIT_SECONDS = 30;

    private final MqttSource source;
    private final int subtask;
    private final int parallelism;
    private final Map<String, String> env;
    private final MessageDecoder decoder;
    private final ConcurrentLinkedQueue<MqttClient.Received> queue = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    /** Acknowledgements of what was emitted since the last checkpoint. */
    private List<Runnable> pending = new ArrayList<>();
    /** Acknowledgements per checkpoint taken and not yet complete. */
    private final NavigableMap<Long, List<Runnable>> awaiting = new TreeMap<>();
    /** Dead letters not yet confirmed by the broker. */
    private final List<CompletableFuture<Void>> letters = new ArrayList<>();
    private final Map<String, Long> rebirthAsked = new HashMap<>();
    private MqttClient client;

    MqttReader(MqttSource source, int subtask, int parallelism, Map<String, String> env) {
        this.source = source;
        this.subtask = subtask;
        this.parallelism = parallelism;
        this.env = env;
        this.decoder = new MessageDecoder(source.subscriptions());
    }

    @Override
    public void start() {
        List<String> filters = source.subscriptions().stream().map(s -> source.filter(s.template().filter(), parallelism))
                .distinct().toList();
        client = MqttClient.subscriber(source.broker(), source.broker().clientId() + "-in-" + subtask, filters, this::receive, env);
    }

    private void receive(MqttClient.Received r) {
        queue.add(r);
        synchronized (lock) {
            available.complete(null);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<AssetWindow> output) {
        MqttClient.Received r = queue.poll();
        if (r == null) {
            synchronized (lock) {
                if (queue.isEmpty() && available.isDone()) {
                    available = new CompletableFuture<>();
                }
            }
            return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
        }
        long now = System.currentTimeMillis();
        MessageDecoder.Outcome outcome = decoder.decode(r.topic(), r.payload(), now);
        if (outcome instanceof MessageDecoder.Outcome.Windows w) {
            w.windows().forEach(output::collect);
        } else if (outcome instanceof MessageDecoder.Outcome.Rejected rej) {
            deadLetter(r, rej, now);
        }
        pending.add(r.ack());
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    private void deadLetter(MqttClient.Received r, MessageDecoder.Outcome.Rejected rej, long now) {
        DeadLetter letter = DeadLetter.of(r.topic(), r.payload(), rej.reason(), rej.detail(), rej.asset(), Instant.ofEpochMilli(now));
        try {
            letters.add(client.publish(source.deadLetterTopic() + "/" + rej.reason(), JSON.writeValueAsBytes(letter), false));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PrognosException("cannot write a dead letter: " + e.getMessage(), e);
        }
        LOG.log(Level.DEBUG, "MQTT message on " + r.topic() + " rejected (" + rej.reason() + "): " + rej.detail());
        if (rej.rebirth()) {
            rebirth(r.topic());
        }
    }

    /** Asks the edge node of {@code topic} for its births again, unless asked in the last 10 s. */
    private void rebirth(String topic) {
        try {
            if (SparkplugTopic.parse(topic) instanceof SparkplugTopic.Edge edge) {
                String node = edge.group() + "/" + edge.edgeNode();
                long now = System.nanoTime();
                Long last = rebirthAsked.get(node);
                if (last == null || now - last >= REBIRTH_PERIOD_NANOS) {
                    rebirthAsked.put(node, now);
                    SparkplugMessage ncmd = SparkplugEncoder.rebirthRequest(edge.group(), edge.edgeNode(), System.currentTimeMillis());
                    client.publish(ncmd.topic().format(), ncmd.payload(), false);
                    LOG.log(Level.INFO, "asked Sparkplug edge node " + node + " for a rebirth");
                }
            }
        } catch (InvalidTopicException e) {
            // not Sparkplug: nobody to ask
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            return queue.isEmpty() ? available : CompletableFuture.completedFuture(null);
        }
    }

    /** Files the acknowledgements of what was emitted under this checkpoint, once the broker has its dead letters. */
    @Override
    public List<MqttSource.NoSplit> snapshotState(long checkpointId) {
        try {
            CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new)).get(DEAD_LETTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new PrognosException("dead letters not confirmed by the broker in " + DEAD_LETTER_WAIT_SECONDS + " s ("
                    + e.getMessage() + "); the task fails, the job restarts from its last checkpoint, and their messages,"
                    + " unacknowledged, come again", e);
        }
        letters.clear();
        awaiting.put(checkpointId, pending);
        pending = new ArrayList<>();
        return List.of();
    }

    /** Acknowledges what this checkpoint and the ones before it covered: the broker may forget it now. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        for (Iterator<Map.Entry<Long, List<Runnable>>> it = awaiting.headMap(checkpointId, true).entrySet().iterator(); it.hasNext(); ) {
            it.next().getValue().forEach(Runnable::run);
            it.remove();
        }
    }

    @Override
    public void addSplits(List<MqttSource.NoSplit> splits) {
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    /** Disconnects without acknowledging what no completed checkpoint covers: the broker keeps it for the next run. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
