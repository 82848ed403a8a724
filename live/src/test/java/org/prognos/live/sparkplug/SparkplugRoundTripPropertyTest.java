package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Presence;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.device.DeviceMessage.Telemetry;

/**
 * A random session of one edge node (a few devices, the node's own channels or none, hundreds of data messages so
 * that seq wraps, NaN readings, events, a device death, the node's death) written by the encoder and read by the
 * decoder gives back exactly what was written: values bit for bit (NaN as NaN), every event, every presence.
 */
class SparkplugRoundTripPropertyTest {
    static final List<String> CHANNELS = List.of("temp", "vibration", "rpm", "Inputs/pressure");
    static final List<String> KINDS = List.of("failure", "maintenance", "alarm");
    static final long RECEIVED = 1_800_000_000_000L;

    @Property(tries = 60)
    void what_the_encoder_writes_the_decoder_reads_back(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String group = "plant-" + rng.nextInt(3);
        String node = "gw-" + rng.nextInt(5);
        SparkplugEncoder encoder = new SparkplugEncoder(group, node, rng.nextInt(256));
        SparkplugDecoder decoder = new SparkplugDecoder();
        List<DeviceMessage> expected = new ArrayList<>();
        List<DeviceMessage> decoded = new ArrayList<>();
        long t = 1_700_000_000_000L + rng.nextInt(1_000_000);

        Map<String, Double> nodeChannels = rng.nextBoolean() ? channels(rng) : Map.of();
        read(decoder, encoder.nodeBirth(t, nodeChannels), decoded);
        if (!nodeChannels.isEmpty()) {
            expected.add(new Presence(node, true, t, "NBIRTH of node " + group + "/" + node));
            expected.add(new Telemetry(node, List.of(new Sample(t, nodeChannels)), List.of()));
        }
        Map<String, List<String>> devices = new LinkedHashMap<>();
        for (int d = 0, n = 1 + rng.nextInt(3); d < n; d++) {
            String device = "dev-" + d;
            Map<String, Double> channels = channels(rng);
            devices.put(device, List.copyOf(channels.keySet()));
            read(decoder, encoder.deviceBirth(device, t, channels), decoded);
            expected.add(new Presence(device, true, t, "DBIRTH of device " + device + " on node " + group + "/" + node));
            expected.add(new Telemetry(device, List.of(new Sample(t, channels)), List.of()));
        }

        List<String> names = new ArrayList<>(devices.keySet());
        for (int i = 0, n = rng.nextInt(600); i < n; i++) {
            boolean ofNode = !nodeChannels.isEmpty() && rng.nextInt(5) == 0;
            String asset = ofNode ? node : names.get(rng.nextInt(names.size()));
            List<String> channels = ofNode ? List.copyOf(nodeChannels.keySet()) : devices.get(asset);
            List<Sample> samples = new ArrayList<>();
            for (int s = 0, ns = rng.nextInt(4); s < ns; s++) {
                t += 1 + rng.nextInt(1000);
                samples.add(new Sample(t, subset(rng, channels)));
            }
            List<DeviceEvent> events = new ArrayList<>();
            for (int e = 0, ne = samples.isEmpty() ? 1 : rng.nextInt(3) == 0 ? 1 + rng.nextInt(2) : 0; e < ne; e++) {
                events.add(new DeviceEvent(t - rng.nextInt(100), KINDS.get(rng.nextInt(3)), "code-" + rng.nextInt(9)));
            }
            read(decoder, ofNode ? encoder.nodeData(samples, events) : encoder.deviceData(asset, samples, events),
                    decoded);
            expected.add(new Telemetry(asset, samples, events));
        }

        String why = "NDEATH of node " + group + "/" + node;
        if (names.size() > 1) {
            String dying = names.remove(0);
            read(decoder, encoder.deviceDeath(dying, t), decoded);
            expected.add(new Presence(dying, false, t, "DDEATH of device " + dying + " on node " + group + "/" + node));
        }
        read(decoder, encoder.nodeDeath(t), decoded);
        names.forEach(device -> expected.add(new Presence(device, false, RECEIVED, why)));
        if (!nodeChannels.isEmpty()) {
            expected.add(new Presence(node, false, RECEIVED, why));
        }

        assertEquals(expected, decoded);
    }

    static void read(SparkplugDecoder decoder, SparkplugMessage message, List<DeviceMessage> into) {
        Decoded decoded = decoder.decode(message.topic().format(), message.payload(), RECEIVED);
        Decoded.Accepted accepted = assertInstanceOf(Decoded.Accepted.class, decoded, decoded::toString);
        assertEquals(List.of(), accepted.skipped());
        into.addAll(accepted.messages());
    }

    static Map<String, Double> channels(SplittableRandom rng) {
        Map<String, Double> channels = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            if (channels.isEmpty() || rng.nextBoolean()) {
                channels.put(channel, value(rng));
            }
        }
        return channels;
    }

    static Map<String, Double> subset(SplittableRandom rng, List<String> channels) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(channels.get(rng.nextInt(channels.size())), value(rng));
        for (String channel : channels) {
            if (rng.nextBoolean()) {
                values.put(channel, value(rng));
            }
        }
        return values;
    }

    static double value(SplittableRandom rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.longBitsToDouble(rng.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (rng.nextBoolean() ? 1 : -1);
            default -> rng.nextGaussian() * 100;
        };
    }
}
