package org.prognos.cli;

import com.hivemq.client.mqtt.MqttVersion;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.prognos.cli.score.AssetFilter;
import org.prognos.cli.simulate.BrokerSettings;
import org.prognos.cli.simulate.FleetReplay;
import org.prognos.cli.simulate.FrameEncoder;
import org.prognos.cli.simulate.JsonPayloads;
import org.prognos.cli.simulate.Pacing;
import org.prognos.cli.simulate.ProgressReport;
import org.prognos.cli.simulate.PublishOptions;
import org.prognos.cli.simulate.PublishStats;
import org.prognos.cli.simulate.Publisher;
import org.prognos.cli.simulate.ReplaySlice;
import org.prognos.cli.simulate.SparkplugFrames;
import org.prognos.cli.simulate.TopicTemplate;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prognos simulate}: a dataset replayed as a fleet of devices publishing over MQTT (see org.prognos.cli.simulate). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Replays a dataset as a live fleet: every asset is a device publishing its readings and events to an"
            + " MQTT broker, all assets interleaved in time order, paced by data time (--speed), by a rate (--rate) or not"
            + " at all. Each message is the JSON body of the service's POST /v1/assets/{asset}/readings: one reading, or"
            + " --batch N consecutive readings of one asset, with the events since the asset's previous message and, on"
            + " first contact, its attributes and event history. --format sparkplug sends Sparkplug B instead: edge nodes"
            + " gw-1..gw-N with births, data, deaths and rebirths on request. One line of progress every 5 s, then a summary."},
        footer = {"", "Examples:",
            "  prognos simulate --broker tcp://127.0.0.1:1883 --data notebooks-data/azure-pdm --speed 3600x",
            "  prognos simulate --broker tcp://127.0.0.1:1883 --data notebooks-data/azure-pdm --assets 1-5 \\",
            "      --from '2015-12-01 00:00:00' --to '2015-12-04 00:00:00' --as-fast-as-possible --batch 10",
            "  mosquitto_sub -h 127.0.0.1 -t 'fleet/#' -v",
            "  prognos simulate --broker tcp://127.0.0.1:1883 --data notebooks-data/azure-pdm --format sparkplug --edge-nodes 7"})
final class SimulateCommand implements Callable<Integer> {
    /** How long a stop waits for the messages in flight and the summary: the publisher's drain, and a little more. */
    private static final int STOP_WAIT_SECONDS = 35;

    @Spec
    CommandSpec command;

    @Option(names = "--broker", required = true,
            description = "Broker URL: tcp://HOST[:1883] or mqtt://; ssl:// or mqtts:// for TLS (port 8883).")
    String broker;

    @Option(names = "--data", required = true, description = "Dataset: descriptor file or data directory (as for features).")
    Path data;

    @Option(names = "--subset", description = "C-MAPSS subset and part, e.g. FD001:test.")
    String subset;

    @Mixin
    FilePickOptions files;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Pace pace = new Pace();

    /** The pacing: at most one; none means --speed 3600x. */
    static final class Pace {
        @Option(names = "--speed",
                description = "Data time per wall time, e.g. 3600x: an hour of data a second (default). A cycle counts as a second.")
        String speed;

        @Option(names = "--rate", description = "Readings a second whatever their data time, e.g. 5000/s.")
        String rate;

        @Option(names = "--as-fast-as-possible", description = "No pacing: as fast as the broker acknowledges.")
        boolean unpaced;
    }

    @Option(names = "--topic", description = {"Topic template; {asset} is the asset id (default: ${DEFAULT-VALUE}).",
        "Sparkplug B: its {asset} level names the device, e.g. machine-{asset}."})
    String topic = TopicTemplate.DEFAULT.template();

    @Option(names = "--qos", description = "MQTT quality of service, 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos = 1;

    @Option(names = "--batch", description = "Consecutive readings of one asset per message (default: ${DEFAULT-VALUE}).")
    int batch = 1;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Assets assets = new Assets();

    /** The assets: a list, or the first N, or (neither) all. */
    static final class Assets {
        @Option(names = "--assets", description = "These assets only: ids and ranges, e.g. 1-5 or 3,7,pump-a.")
        String list;

        @Option(names = "--limit-assets", description = "The first N assets of the data only.")
        int limit;
    }

    @Option(names = "--from", description = "First reading time replayed, on the data's axis, e.g. '2015-12-01 00:00:00' (or a date).")
    String from;

    @Option(names = "--to", description = "End of the replayed range (exclusive).")
    String to;

    @Option(names = "--format", description = "json (default): the HTTP readings body per message; sparkplug: Sparkplug B.")
    String format = "json";

    @Option(names = "--group", description = "Sparkplug B group id (default: " + SparkplugFrames.DEFAULT_GROUP + ").")
    String group;

    @Option(names = "--edge-nodes", description = "Sparkplug B edge nodes gw-1..gw-N the assets are spread over (default: 1).")
    Integer edgeNodes;

    @Option(names = "--username", description = "User name for the broker.")
    String username;

    @Option(names = "--password-file", description = "File whose first line is the password (needs --username).")
    Path passwordFile;

    @Option(names = "--tls", description = "Speak TLS (implied by ssl:// and mqtts:// URLs).")
    boolean tls;

    @Option(names = "--cafile", description = "PEM certificates to trust instead of the JVM's (TLS).")
    Path cafile;

    @Option(names = "--mqtt-version", description = "5 or 3 (3.1.1). Default: 5, then 3.1.1 when the broker speaks only that.")
    String mqttVersion;

    @Option(names = "--client-id", description = "MQTT client id (default: prognos-sim- and 8 random hex digits).")
    String clientId;

    @Option(names = "--max-in-flight", description = "Messages sent and not yet acknowledged, at most (default: ${DEFAULT-VALUE}).")
    int maxInFlight = PublishOptions.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--loop", description = "Start over at the end, times shifted to keep moving forward, until stopped (Ctrl-C).")
    boolean loop;

    @Override
    public Integer call() throws Exception {
        boolean sparkplug = sparkplug();
        BrokerSettings settings = settings();
        Dataset ds = Datasets.open(data, subset, files.pick());
        FleetReplay replay = FleetReplay.of(ds, slice(ds.axis()), batch);
        PublishOptions options = options(replay.axis());
        TopicTemplate topics = new TopicTemplate(topic);
        FrameEncoder encoder = sparkplug
                ? SparkplugFrames.of(replay, Optional.ofNullable(group).orElse(SparkplugFrames.DEFAULT_GROUP),
                        Optional.ofNullable(edgeNodes).orElse(1), topics)
                : JsonPayloads.of(replay, topics);
        try (Publisher publisher = Publisher.connect(settings, encoder)) {
            command.commandLine().getErr().println(ProgressReport.plan(replay, publisher, options));
            publishAndReport(publisher, replay, options);
        }
        return 0;
    }

    /**
     * Runs the publisher and prints the summary. Ctrl-C (or SIGTERM) stops it after the message in hand; the shutdown
     * hook waits until the summary is printed, since the JVM halts as soon as its hooks return.
     */
    private void publishAndReport(Publisher publisher, FleetReplay replay, PublishOptions options) {
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            publisher.stop();
            try {
                reported.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "prognos-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PublishStats stats = publisher.run(replay, options,
                    new ProgressReport(command.commandLine().getErr(), replay.axis()));
            command.commandLine().getOut().println(ProgressReport.summary(replay, publisher, stats));
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the latch is open
            }
        }
    }

    /** Whether --format is sparkplug rather than json; the Sparkplug options belong to Sparkplug alone. */
    private boolean sparkplug() {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> {
                if (group != null || edgeNodes != null) {
                    throw new InvalidSpecException("--group and --edge-nodes are Sparkplug B's; add --format sparkplug");
                }
                yield false;
            }
            case "sparkplug" -> true;
            default -> throw new InvalidSpecException("--format: json or sparkplug, found '" + format + "'");
        };
    }

    private BrokerSettings settings() {
        BrokerSettings s = BrokerSettings.parse(broker);
        if (tls || cafile != null) {
            s = s.withTls(Optional.ofNullable(cafile));
        }
        if (username != null) {
            s = s.withCredentials(username, Optional.ofNullable(passwordFile));
        } else if (passwordFile != null) {
            throw new InvalidSpecException("--password-file needs --username");
        }
        if (mqttVersion != null) {
            s = s.withVersions(switch (mqttVersion.trim()) {
                case "5", "5.0" -> List.of(MqttVersion.MQTT_5_0);
                case "3", "3.1.1", "4" -> List.of(MqttVersion.MQTT_3_1_1);
                default -> throw new InvalidSpecException("--mqtt-version: 5 or 3 (3.1.1), found '" + mqttVersion + "'");
            });
        }
        return clientId == null ? s : s.withClientId(clientId);
    }

    private ReplaySlice slice(TimeAxis axis) {
        if (assets.limit < 0) {
            throw new InvalidSpecException("--limit-assets must be at least 1, found " + assets.limit);
        }
        ReplaySlice slice = ReplaySlice.everything().withLimit(assets.limit);
        if (assets.list != null) {
            slice = slice.withAssets(List.copyOf(AssetFilter.parse(assets.list).wanted()));
        }
        OptionalLong a = time("--from", from, axis);
        OptionalLong b = time("--to", to, axis);
        if (a.isPresent() && b.isPresent() && a.getAsLong() >= b.getAsLong()) {
            throw new InvalidSpecException("--from must come before --to, found " + from + " and " + to);
        }
        return slice.between(a, b);
    }

    private static OptionalLong time(String option, String text, TimeAxis axis) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim().matches("\\d{4}-\\d{2}-\\d{2}") ? text.trim() + " 00:00:00" : text;
        try {
            return OptionalLong.of(axis.parse(t));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(option + ": " + e.getMessage());
        }
    }

    private PublishOptions options(TimeAxis axis) {
        MqttQos q = MqttQos.fromCode(qos);
        if (q == null) {
            throw new InvalidSpecException("--qos: 0, 1 or 2, found " + qos);
        }
        if (batch < 1 || maxInFlight < 1 || maxInFlight > 65_535) {
            throw new InvalidSpecException("--batch must be at least 1, --max-in-flight 1 to 65535");
        }
        PublishOptions o = PublishOptions.of(pacing(axis)).withQos(q).withMaxInFlight(maxInFlight);
        return loop ? o.looping() : o;
    }

    private Pacing pacing(TimeAxis axis) {
        if (pace.unpaced) {
            return Pacing.unpaced();
        }
        if (pace.rate != null) {
            return Pacing.rate(positive("--rate", pace.rate, "/s", "a number of readings a second, e.g. 5000/s"));
        }
        return Pacing.speed(pace.speed == null ? 3600 : positive("--speed", pace.speed, "x", "a factor, e.g. 3600x"), axis);
    }

    private static double positive(String option, String text, String suffix, String expected) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        t = t.endsWith(suffix) ? t.substring(0, t.length() - suffix.length()).trim() : t;
        try {
            double v = Double.parseDouble(t);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidSpecException(option + ": expected " + expected + ", found '" + text + "'");
    }
}
