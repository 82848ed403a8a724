package org.prognos.flink.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.features.InvalidSpecException;
import org.prognos.flink.kafka.DeviceFormat;
import org.prognos.flink.kafka.KafkaConfig;
import org.prognos.flink.mqtt.MqttBroker;
import org.prognos.flink.mqtt.MqttSubscription;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.flink.webhook.WebhookSink;
import org.prognos.live.alert.AlertRule;

/**
 * A scoring job as a user writes it (YAML, read by {@link JobConfigReader}); see {@code flink/README.md} for an example.
 *
 * @param model       the registry directory (the same path on every task manager) and the model reference in it
 * @param mqtt        the broker the MQTT source and sinks use; absent when neither is mqtt
 * @param kafka       the cluster the Kafka source and sinks use; absent when neither is kafka
 * @param source      where device messages come from
 * @param sinks       where scores and alerts go
 * @param checkpoints where and how often state is checkpointed (the MQTT source acknowledges, the Kafka source
 *                    keeps its offsets, at checkpoints)
 * @param alerts      the alert rule; absent for the service's defaults
 * @param attributes  each asset's static attributes (the Azure spec's {@code model} and {@code age}); absent for none
 */
public record JobConfig(Model model, Mqtt mqtt, Kafka kafka, Source source, Sinks sinks, Checkpoints checkpoints,
                        Alerts alerts, Map<String, Map<String, String>> attributes) {
    public JobConfig {
        require(model, "model");
        require(source, "source");
        require(sinks, "sinks");
        require(checkpoints, "checkpoints");
        alerts = alerts == null ? Alerts.DEFAULTS : alerts;
        attributes = attributes == null ? Map.of() : new HashMap<>(attributes);
        if ((source.type().equals("mqtt") || sinks.type().equals("mqtt")) && mqtt == null) {
            throw new InvalidSpecException("mqtt: the broker is required when the source or the sinks are mqtt");
        }
        if ((source.type().equals("kafka") || sinks.type().equals("kafka")) && kafka == null) {
            throw new InvalidSpecException("kafka: the cluster (bootstrapServers) is required when the source or the sinks"
                    + " are kafka");
        }
        if (kafka != null) {
            kafkaConfig(kafka, source, sinks);     // validates: the job must not read what it writes
        }
    }

    /**
     * The Kafka source's and sinks' settings: the configured topics, and the usual names
     * ({@link KafkaConfig#defaults}) for the side that is not on Kafka, which is then not used.
     *
     * @throws IllegalStateException when the config has no {@code kafka} block
     */
    public KafkaConfig kafkaConfig() {
        if (kafka == null) {
            throw new IllegalStateException("this job config has no kafka cluster");
        }
        return kafkaConfig(kafka, source, sinks);
    }

    private static KafkaConfig kafkaConfig(Kafka kafka, Source source, Sinks sinks) {
        KafkaConfig usual = KafkaConfig.defaults(kafka.bootstrapServers());
        boolean in = source.type().equals("kafka");
        boolean out = sinks.type().equals("kafka");
        try {
            return new KafkaConfig(kafka.bootstrapServers(), in ? source.topic() : usual.readingsTopic(), kafka.groupId(),
                    in ? source.deviceFormat() : usual.format(), out ? sinks.scoreTopic() : usual.scoresTopic(),
                    out ? sinks.alertTopic() : usual.alertsTopic(), in ? source.deadLetterTopic() : usual.deadLetterTopic(),
                    kafka.properties());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("kafka: " + e.getMessage(), e);
        }
    }

    /** What each scoring task is given. */
    public ScoringConfig scoring() {
        return ScoringConfig.defaults(new ModelSource(model.registry(), model.reference()), attributes)
                .withRule(new AlertRule(alerts.consecutive(), alerts.hysteresis()));
    }

    /**
     * @param registry  the registry directory
     * @param reference {@code name}, {@code name:3} or {@code name@production}
     */
    public record Model(String registry, String reference) {
        public Model {
            require(registry, "model.registry");
            require(reference, "model.reference");
        }
    }

    /**
     * The broker ({@link MqttBroker}); the password comes from an environment variable of the task managers.
     */
    public record Mqtt(String url, String clientId, String username, String passwordEnv, Long sessionExpirySeconds) {
        public Mqtt {
            require(url, "mqtt.url");
            clientId = clientId == null ? "prognos-flink" : clientId;
            sessionExpirySeconds = sessionExpirySeconds == null ? 86_400L : sessionExpirySeconds;
            broker(url, clientId, username, passwordEnv, sessionExpirySeconds);     // validates
        }

        public MqttBroker broker() {
            return broker(url, clientId, username, passwordEnv, sessionExpirySeconds);
        }

        private static MqttBroker broker(String url, String clientId, String username, String passwordEnv,
                                         long sessionExpirySeconds) {
            try {
                return new MqttBroker(url, clientId, username, passwordEnv, sessionExpirySeconds);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(e.getMessage(), e);
            }
        }
    }

    /**
     * The Kafka cluster ({@link KafkaConfig}): source and sinks use the same one.
     *
     * @param bootstrapServers {@code host:9092,host2:9092}
     * @param groupId          the consumer group the source commits offsets under, for monitoring (the job goes on
     *                         from its checkpoint's offsets); default {@code prognos-scoring}
     * @param properties       Kafka client properties for source and sinks ({@code security.protocol},
     *                         {@code sasl.mechanism}, ...); absent for none
     */
    public record Kafka(String bootstrapServers, String groupId, Map<String, String> properties) {
        public Kafka {
            require(bootstrapServers, "kafka.bootstrapServers");
            if (bootstrapServers.isBlank()) {
                throw new InvalidSpecException("kafka.bootstrapServers: expected host:port[,host:port...], found ''");
            }
            groupId = groupId == null ? KafkaConfig.defaults(bootstrapServers).groupId() : groupId;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * Where device messages come from.
     *
     * @param type            {@code mqtt} (default) or {@code kafka}
     * @param subscriptions   (mqtt) topics and their formats
     * @param topic           (kafka) the readings topic; default {@code prognos.readings}
     * @param format          (kafka) the topic's record format: {@code json} (default; the service's readings payload
     *                        keyed by asset id) or {@code sparkplug} (Sparkplug B keyed by its MQTT topic)
     * @param deadLetterTopic where bad messages go: (mqtt) a topic prefix, under their reason, default
     *                        {@code prognos/dead-letter}; (kafka) a topic, default {@code prognos.dead-letters}
     * @param sharedGroup     (mqtt) the MQTT 5 shared subscription group, needed for a parallelism above 1
     * @param parallelism     the source's parallelism; default 1 (on Kafka, at most one reader per partition is busy)
     */
    public record Source(String type, List<Subscription> subscriptions, String topic, String format,
                         String deadLetterTopic, String sharedGroup, Integer parallelism) {
        public Source {
            type = type == null ? "mqtt" : type.toLowerCase(Locale.ROOT);
            parallelism = parallelism == null ? 1 : parallelism;
            if (parallelism < 1) {
                throw new InvalidSpecException("source.parallelism must be at least 1, found " + parallelism);
            }
            sharedGroup = sharedGroup == null ? "" : sharedGroup;
            switch (type) {
                case "mqtt" -> {
                    if (subscriptions == null || subscriptions.isEmpty()) {
                        throw new InvalidSpecException("source.subscriptions: at least one {topic, format} is required");
                    }
                    if (topic != null || format != null) {
                        throw new InvalidSpecException("source." + (topic != null ? "topic" : "format") + " is for kafka;"
                                + " an mqtt source names its topics and formats in source.subscriptions");
                    }
                    subscriptions = List.copyOf(subscriptions);
                    deadLetterTopic = deadLetterTopic == null ? "prognos/dead-letter" : deadLetterTopic;
                    if (parallelism > 1 && sharedGroup.isEmpty()) {
                        throw new InvalidSpecException("source.parallelism " + parallelism + " needs source.sharedGroup (MQTT 5"
                                + " shared subscriptions), or every reader would receive every message");
                    }
                }
                case "kafka" -> {
                    if (subscriptions != null || !sharedGroup.isEmpty()) {
                        throw new InvalidSpecException("source." + (subscriptions != null ? "subscriptions" : "sharedGroup")
                                + " is for mqtt; a kafka source reads source.topic in source.format");
                    }
                    subscriptions = List.of();
                    topic = kafkaTopic(topic == null ? "prognos.readings" : topic, "source.topic");
                    format = format == null ? "json" : format.toLowerCase(Locale.ROOT);
                    deviceFormat(format);
                    deadLetterTopic = kafkaTopic(deadLetterTopic == null ? "prognos.dead-letters" : deadLetterTopic,
                            "source.deadLetterTopic");
                }
                default -> throw new InvalidSpecException("source.type must be mqtt or kafka, found '" + type + "'");
            }
            topic = topic == null ? "" : topic;
            format = format == null ? "" : format;
        }

        /** (kafka) The readings topic's record format. */
        public DeviceFormat deviceFormat() {
            return deviceFormat(format);
        }

        private static DeviceFormat deviceFormat(String format) {
            return switch (format) {
                case "json" -> DeviceFormat.JsonReadings.utc();
                case "sparkplug" -> new DeviceFormat.SparkplugB();
                default -> throw new InvalidSpecException("source.format must be json or sparkplug, found '" + format + "'");
            };
        }

        public List<MqttSubscription> mqttSubscriptions() {
            return subscriptions.stream().map(Subscription::subscription).toList();
        }
    }

    /** One subscription ({@link MqttSubscription}); {@code format} json (default) or sparkplug. */
    public record Subscription(String topic, String format) {
        public Subscription {
            require(topic, "source.subscriptions[].topic");
            format = format == null ? "json" : format;
            subscription(topic, format);
        }

        MqttSubscription subscription() {
            return subscription(topic, format);
        }

        private static MqttSubscription subscription(String topic, String format) {
            try {
                return new MqttSubscription(topic, format);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(e.getMessage(), e);
            }
        }
    }

    /**
     * Where scores and alerts go.
     *
     * @param type       {@code mqtt} (default) or {@code kafka}
     * @param scoreTopic (mqtt) a template naming the asset, default {@code prognos/scores/{asset}}; (kafka) a topic,
     *                   keyed by asset, default {@code prognos.scores}
     * @param alertTopic (mqtt) a template naming the asset, default {@code prognos/alerts/{asset}}; (kafka) a topic,
     *                   keyed by the alert change's delivery key, default {@code prognos.alerts}
     * @param webhook    where alerts are posted as well; absent for none
     */
    public record Sinks(String type, String scoreTopic, String alertTopic, Webhook webhook) {
        public Sinks {
            type = type == null ? "mqtt" : type.toLowerCase(Locale.ROOT);
            switch (type) {
                case "mqtt" -> {
                    scoreTopic = scoreTopic == null ? "prognos/scores/{asset}" : scoreTopic;
                    alertTopic = alertTopic == null ? "prognos/alerts/{asset}" : alertTopic;
                }
                case "kafka" -> {
                    scoreTopic = kafkaTopic(scoreTopic == null ? "prognos.scores" : scoreTopic, "sinks.scoreTopic");
                    alertTopic = kafkaTopic(alertTopic == null ? "prognos.alerts" : alertTopic, "sinks.alertTopic");
                }
                default -> throw new InvalidSpecException("sinks.type must be mqtt or kafka, found '" + type + "'");
            }
        }
    }

    /** Kafka's legal topic names: 1 to 249 of ASCII letters, digits, '.', '_' and '-'. */
    private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private static String kafkaTopic(String topic, String name) {
        if (!KAFKA_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidSpecException(name + ": '" + topic + "' is not a Kafka topic name (1 to 249 of letters, digits,"
                    + " '.', '_', '-'; a Kafka topic is one topic keyed by asset, not a template)");
        }
        return topic;
    }

    /**
     * A webhook for alerts ({@link WebhookSink}).
     *
     * @param url         where to post
     * @param secretEnv   the environment variable of the task managers holding the signing secret, or
     * @param secretFile  a file on every task manager holding it
     * @param maxAttempts attempts per alert before the job fails and restarts; default 5
     */
    public record Webhook(String url, String secretEnv, String secretFile, Integer maxAttempts) {
        public Webhook {
            require(url, "sinks.webhook.url");
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            sink(url, secretEnv, secretFile, maxAttempts);
        }

        public WebhookSink sink() {
            return sink(url, secretEnv, secretFile, maxAttempts);
        }

        private static WebhookSink sink(String url, String secretEnv, String secretFile, int maxAttempts) {
            try {
                return new WebhookSink(url, secretEnv, secretFile, maxAttempts);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("sinks.webhook: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param directory a URI every task manager reaches ({@code file:///...} on one machine, {@code s3://...})
     * @param interval  {@code 500ms}, {@code 30s}, {@code 2m}
     */
    public record Checkpoints(String directory, String interval) {
        private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(ms|s|m)");

        public Checkpoints {
            require(directory, "checkpoints.directory");
            interval = interval == null ? "30s" : interval;
            duration(interval);
        }

        public Duration duration() {
            return duration(interval);
        }

        private static Duration duration(String text) {
            Matcher m = SPAN.matcher(text.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new InvalidSpecException("checkpoints.interval: expected a positive span such as 500ms, 30s or 2m, found '"
                        + text + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }

    /** The alert rule ({@link AlertRule}): K scores in a row, hysteresis h. */
    public record Alerts(Integer consecutive, Double hysteresis) {
        static final Alerts DEFAULTS = new Alerts(null, null);

        public Alerts {
            AlertRule d = AlertRule.defaults();
            consecutive = consecutive == null ? d.consecutive() : consecutive;
            hysteresis = hysteresis == null ? d.hysteresis() : hysteresis;
            try {
                new AlertRule(consecutive, hysteresis);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("alerts: " + e.getMessage(), e);
            }
        }
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new InvalidSpecException(name + " is required");
        }
    }
}
