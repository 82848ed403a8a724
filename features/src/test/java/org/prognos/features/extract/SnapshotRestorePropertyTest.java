package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.extract.StreamingEqualsBatchPropertyTest.AssetData;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.normalize.NormalizationConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.spectral.BandEnergy;
import org.prognos.features.spectral.DominantFrequency;
import org.prognos.features.spectral.SpectralEntropy;
import org.prognos.features.spectral.SpectrumSettings;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A state saved at any point of a random stream and restored goes on exactly like the state that never stopped:
 * the same rows and the same final vector, bit for bit (no tolerance: the snapshot holds every running sum as raw
 * bits, and what it leaves out is rebuilt exactly or recomputed before it is read), and in the end the same
 * snapshot. Specs: span and sample windows with every statistic, differences, EWMAs, event counters and
 * time-since clocks, statics, sequences, elapsed time, both kinds of emission, with and without full windows,
 * plus variants with spectral features and with a fitted normalization. Snapshots that are empty, truncated,
 * corrupt, of another format version or of another spec are refused with messages that say so.
 */
class SnapshotRestorePropertyTest {
    static final List<String> CHANNELS = StreamingEqualsBatchPropertyTest.CHANNELS;

    /** One thing that happens to an asset state. */
    sealed interface Step {
    }

    record Reading(long time, double[] values) implements Step {
    }

    record Happened(Event event) implements Step {
    }

    /** A live score "now" (vectorAt at the state's nowTime), as the service does between readings. */
    record ScoreNow() implements Step {
    }

    /** What a state passed to its sink, and the vectors it returned. */
    record Output(List<String> rows) {
        Output() {
            this(new ArrayList<>());
        }

        void row(long time, double[] values) {
            rows.add(time + " " + bits(values));
        }
    }

    @Property(tries = 200)
    void a_restored_state_goes_on_exactly_like_one_that_never_stopped(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FeatureExtractor ex = new FeatureExtractor(spec(rng));
        AssetData d = StreamingEqualsBatchPropertyTest.randomAsset("A", rng);
        addSpikes(d, rng);
        List<Step> steps = steps(ex, d, rng);
        int width = ex.columns().size();
        List<Integer> cuts = cuts(steps.size(), rng);

        Output uninterrupted = new Output();
        AssetState whole = ex.newState("A", d.attrs());
        run(whole, width, steps, 0, steps.size(), uninterrupted);

        Output resumed = new Output();
        AssetState after = ex.newState("A", d.attrs());
        int done = 0;
        for (int cut : cuts) {
            run(after, width, steps, done, cut, resumed);
            done = cut;
            after = roundTrip(ex, after);
        }
        run(after, width, steps, done, steps.size(), resumed);

        assertEquals(uninterrupted.rows(), resumed.rows(), "rows and vectors, restored before steps " + cuts + " of " + steps.size());
        long end = Math.max(whole.nowTime(), lastEventTime(d)) + 1 + rng.nextInt(50);
        double[] a = new double[ex.columns().size()];
        double[] b = new double[ex.columns().size()];
        assertEquals(whole.vectorAt(end, a, RowSink.discard()), after.vectorAt(end, b, RowSink.discard()));
        assertEquals(bits(a), bits(b), "final vector at " + end);
        assertArrayEquals(whole.snapshot(), after.snapshot(), "snapshots at the end");
    }

    /** Where the stream is interrupted: once, now and then, or before every step. */
    private static List<Integer> cuts(int steps, SplittableRandom rng) {
        int mode = rng.nextInt(3);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            if (mode == 2 || (mode == 1 && rng.nextInt(5) == 0)) {
                cuts.add(i);
            }
        }
        if (mode == 0) {
            cuts.add(rng.nextInt(steps + 1));
        }
        return cuts;
    }

    /** The state as a restart after a crash would see it, checked on the way. */
    private static AssetState roundTrip(FeatureExtractor ex, AssetState before) {
        byte[] saved = before.snapshot();
        AssetState after = ex.restoreState("A", saved);
        assertArrayEquals(saved, after.snapshot(), "snapshot → restore → snapshot");
        assertTrue(after.estimatedBytes() <= before.estimatedBytes(), "restored state's estimate");
        assertEquals(before.readings(), after.readings());
        assertEquals(before.lastReadingTime(), after.lastReadingTime());
        return after;
    }

    @Test
    void an_empty_state_round_trips_and_then_runs_like_a_new_one() {
        SplittableRandom rng = new SplittableRandom(7);
        FeatureExtractor ex = new FeatureExtractor(spec(rng));
        AssetData d = StreamingEqualsBatchPropertyTest.randomAsset("A", rng);
        AssetState fresh = ex.newState("A", d.attrs());
        byte[] saved = fresh.snapshot();
        AssetState restored = ex.restoreState("A", saved);
        assertArrayEquals(saved, restored.snapshot());
        assertFalse(restored.lastReadingTime().isPresent());
        assertTrue(saved.length < 400, saved.length + " bytes");

        List<Step> steps = steps(ex, d, rng);
        int width = ex.columns().size();
        Output a = new Output();
        Output b = new Output();
        run(fresh, width, steps, 0, steps.size(), a);
        run(restored, width, steps, 0, steps.size(), b);
        assertEquals(a.rows(), b.rows());
    }

    @Test
    void an_azure_machine_restored_halfway_emits_the_rows_of_one_never_stopped_from_a_smaller_snapshot() throws Exception {
        FeatureExtractor ex = new FeatureExtractor(SpecJson.read(Path.of("../notebooks-data/specs/azure-guide.json")));
        Dataset data = AzurePdm.load(Path.of("../notebooks-data/azure-pdm"));
        int[] map = ex.channelMap(data);
        List<Reading> readings = new ArrayList<>();
        data.telemetry().forEach((asset, time, values) -> {
            if (asset.equals("1")) {
                readings.add(new Reading(time, Arrays.stream(map).mapToDouble(c -> values[c]).toArray()));
            }
        });
        long end = readings.get(readings.size() - 1).time() + 1;
        Output uninterrupted = new Output();
        AssetState whole = ex.newState("1", data.attributes().of("1"));
        EventCursor events = new EventCursor(data.events().of("1"));
        feed(whole, events, readings, uninterrupted);
        whole.advanceTo(end, (a, t, row) -> uninterrupted.row(t, row));

        Output resumed = new Output();
        AssetState before = ex.newState("1", data.attributes().of("1"));
        EventCursor cursor = new EventCursor(data.events().of("1"));
        feed(before, cursor, readings.subList(0, readings.size() / 2), resumed);
        byte[] saved = before.snapshot();
        assertTrue(saved.length < before.estimatedBytes() / 2, saved.length + " bytes saved, " + before.estimatedBytes() + " estimated");
        AssetState after = ex.restoreState("1", saved);
        feed(after, cursor, readings.subList(readings.size() / 2, readings.size()), resumed);
        after.advanceTo(end, (a, t, row) -> resumed.row(t, row));

        assertTrue(uninterrupted.rows().size() > 500, uninterrupted.rows().size() + " rows");
        assertEquals(uninterrupted.rows(), resumed.rows());
        assertArrayEquals(whole.snapshot(), after.snapshot());
    }

    @Test
    void a_truncated_corrupt_empty_or_newer_snapshot_is_refused() {
        FeatureExtractor ex = new FeatureExtractor(spec(new SplittableRandom(3)));
        byte[] saved = fedState(ex, 5).snapshot();

        assertRefused(ex, Arrays.copyOf(saved, saved.length - 1), "truncated or corrupt");
        assertRefused(ex, Arrays.copyOf(saved, 3), "truncated or corrupt");
        byte[] flipped = saved.clone();
        flipped[saved.length / 2] ^= 0x10;
        assertRefused(ex, flipped, "truncated or corrupt");
        assertRefused(ex, new byte[0], "it is empty");
        byte[] newer = saved.clone();
        newer[0] = 2;
        assertRefused(ex, newer, "format version 2 is not one this version of Prognos reads (1)");
    }

    @Test
    void a_snapshot_with_a_valid_checksum_but_a_broken_body_is_refused() {
        FeatureExtractor ex = new FeatureExtractor(spec(new SplittableRandom(3)));
        byte[] saved = fedState(ex, 5).snapshot();
        byte[] body = Arrays.copyOf(saved, saved.length - 4);

        byte[] longer = Arrays.copyOf(body, body.length + 3);
        assertRefused(ex, seal(longer), "3 bytes are left over after the state");
        assertRefused(ex, seal(Arrays.copyOf(body, body.length - 8)), "it ends before the state does");

        int readings = 1 + 4 + 4 + 16 * ex.plan().blocks().size() + 16 + 8;
        byte[] miscounted = body.clone();
        ByteBuffer.wrap(miscounted).putLong(readings, 6);
        assertRefused(ex, seal(miscounted), "window block 0 ('n5') has seen 5 readings, the asset 6");
    }

    @Test
    void a_snapshot_of_another_spec_is_refused_and_names_the_difference() {
        FeatureSpec base = spec(new SplittableRandom(3));
        byte[] saved = fedState(new FeatureExtractor(base), 5).snapshot();

        Map<String, WindowConfig> windows = new LinkedHashMap<>(base.windows());
        long span = Long.parseLong(base.windows().get("s20").span());
        windows.put("s20", WindowConfig.ofSpan(Long.toString(span + 1)));
        FeatureExtractor longer = new FeatureExtractor(with(base, windows, base.features()));
        assertRefused(longer, saved, "another spec: window block 1 ('s20'), span in ticks: " + span + " in the snapshot, "
                + (span + 1) + " in spec 'random'");

        List<FeatureGroup> fewer = base.features().subList(0, base.features().size() - 1);
        assertRefused(new FeatureExtractor(with(base, base.windows(), fewer)), saved, "another spec: columns: ");

        List<FeatureGroup> alphas = new ArrayList<>(base.features());
        alphas.set(4, new FeatureGroup.Ewma(List.of(0.1, 0.25), List.of("a")));
        assertRefused(new FeatureExtractor(with(base, base.windows(), alphas)), saved,
                "another spec: its shape is that of spec 'random' but the plan fingerprints differ");
    }

    @Test
    void a_snapshot_under_another_fitted_normalization_is_refused() {
        SplittableRandom rng = new SplittableRandom(5);
        FeatureSpec unfitted = withNormalization(spec(rng));
        FeatureExtractor one = new FeatureExtractor(unfitted.fit(training(StreamingEqualsBatchPropertyTest.randomAsset("A", rng))));
        FeatureExtractor other = new FeatureExtractor(unfitted.fit(training(StreamingEqualsBatchPropertyTest.randomAsset("B", rng))));
        byte[] saved = fedState(one, 5).snapshot();
        assertArrayEquals(saved, one.restoreState("A", saved).snapshot());
        assertRefused(other, saved, "plan fingerprints differ");
    }

    // ---- specs and streams

    /** The random spec of the streaming property test, or a variant with spectral features or normalization. */
    private static FeatureSpec spec(SplittableRandom rng) {
        FeatureSpec base = StreamingEqualsBatchPropertyTest.randomSpec(rng);
        return switch (rng.nextInt(4)) {
            case 0 -> withSpectral(base, rng);
            case 1 -> withNormalization(base).fit(training(StreamingEqualsBatchPropertyTest.randomAsset("T", rng)));
            default -> base;
        };
    }

    private static FeatureSpec withSpectral(FeatureSpec base, SplittableRandom rng) {
        List<FeatureGroup> groups = new ArrayList<>(base.features());
        groups.add(new FeatureGroup.Spectral("b", rng.nextBoolean() ? "n5" : "s20", 10,
                SpectrumSettings.hann(rng.nextBoolean() ? 4 : 16),
                List.of(new BandEnergy(0, 2), new DominantFrequency(), new SpectralEntropy())));
        return with(base, base.windows(), groups);
    }

    /** The spec with a global z-score of every channel, not fitted yet. */
    private static FeatureSpec withNormalization(FeatureSpec base) {
        return new FeatureSpec(null, base.name(), null, base.time(), base.channels(), base.windows(), base.emit(),
                base.requireFullWindows(), null, null, base.features(), NormalizationConfig.global(), null);
    }

    private static FeatureSpec with(FeatureSpec s, Map<String, WindowConfig> windows, List<FeatureGroup> groups) {
        return new FeatureSpec(null, s.name(), null, s.time(), s.channels(), windows, s.emit(), s.requireFullWindows(),
                null, null, groups, s.normalization(), s.fitted());
    }

    private static InMemoryTelemetry training(AssetData d) {
        InMemoryTelemetry tel = new InMemoryTelemetry("training", new TimeAxis.Cycles(), CHANNELS);
        for (int i = 0; i < d.times().length; i++) {
            tel.add("T", d.times()[i], d.values()[i]);
        }
        // two readings after the random ones, so even an asset without readings gives the fit something to learn
        tel.add("T", 1_000_000, new double[] {1, 2, 3});
        tel.add("T", 1_000_001, new double[] {2, 5, 4});
        return tel;
    }

    /** Rare values far outside the others, whose eviction leaves residue in the running sums. */
    private static void addSpikes(AssetData d, SplittableRandom rng) {
        for (double[] v : d.values()) {
            if (rng.nextInt(25) == 0) {
                v[rng.nextInt(2)] *= 1e6;
            }
        }
    }

    /** Readings with the events before them in extraction's order, and now and then a live score. */
    private static List<Step> steps(FeatureExtractor ex, AssetData d, SplittableRandom rng) {
        List<Step> steps = new ArrayList<>();
        List<Event> events = d.events();
        int e = 0;
        for (int i = 0; i < d.times().length; i++) {
            while (e < events.size() && events.get(e).time() <= d.times()[i]) {
                steps.add(new Happened(events.get(e++)));
            }
            steps.add(new Reading(d.times()[i], d.values()[i]));
            if (rng.nextInt(12) == 0) {
                steps.add(new ScoreNow());
            }
        }
        while (e < events.size()) {
            steps.add(new Happened(events.get(e++)));
        }
        return steps;
    }

    private static void run(AssetState s, int width, List<Step> steps, int from, int to, Output out) {
        RowSink sink = (asset, time, row) -> out.row(time, row);
        double[] vector = new double[width];
        for (Step step : steps.subList(from, to)) {
            if (step instanceof Reading r) {
                s.reading(r.time(), r.values(), sink);
            } else if (step instanceof Happened h) {
                s.event(h.event(), sink);
            } else {
                long now = s.nowTime();
                if (s.vectorAt(now, vector, sink)) {
                    out.row(now, vector);
                }
            }
        }
    }

    private static void feed(AssetState s, EventCursor events, List<Reading> readings, Output out) {
        RowSink sink = (asset, time, row) -> out.row(time, row);
        for (Reading r : readings) {
            events.applyThrough(s, r.time(), sink);
            s.reading(r.time(), r.values(), sink);
        }
    }

    private static long lastEventTime(AssetData d) {
        return d.events().isEmpty() ? Long.MIN_VALUE : d.events().get(d.events().size() - 1).time();
    }

    private static AssetState fedState(FeatureExtractor ex, int readings) {
        AssetState s = ex.newState("A", Map.of("model", "m1", "age", "4"));
        for (int i = 0; i < readings; i++) {
            s.reading(10 + i, new double[] {i, 2 * i, 7}, RowSink.discard());
        }
        return s;
    }

    private static String bits(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
        }
        return sb.toString();
    }

    private static byte[] seal(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] sealed = Arrays.copyOf(body, body.length + 4);
        ByteBuffer.wrap(sealed, body.length, 4).putInt((int) crc.getValue());
        return sealed;
    }

    private static void assertRefused(FeatureExtractor ex, byte[] snapshot, String expected) {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> ex.restoreState("A", snapshot));
        assertTrue(e.getMessage().startsWith("snapshot of asset 'A': cannot restore: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
