package org.prognos.inference.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * One loaded, verified bundle ready to score: its manifest, its feature spec compiled once into a
 * {@link FeatureExtractor}, its {@link Predictor}, the {@link DecisionPolicy} and the column groups.
 *
 * <p><b>Reference counting.</b> The catalog holds one reference while the model is current; every request holds
 * one through a {@link ModelLease}. When a reload swaps in a new version, the catalog drops its reference, and the
 * predictor is closed only when the last in-flight request on the old version releases it, so no request ever
 * sees a closed model.
 */
public final class ServedModel {
    private final String reference;
    private final BundleRef ref;
    private final Manifest manifest;
    private final FeatureExtractor extractor;
    private final Predictor predictor;
    private final DecisionPolicy policy;
    private final ColumnGroups groups;
    private final String fingerprint;
    private final Instant loadedAt;
    private final TimeAxis requestAxis;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final java.util.Optional<Occluder> occluder;
    private final java.util.Map<String, Integer> channelIndex;

    private ServedModel(String reference, BundleRef ref, LoadedBundle bundle, Predictor raw, Predictor predictor, String fingerprint,
                        Instant loadedAt) {
        this.reference = reference;
        this.ref = ref;
        this.manifest = bundle.manifest();
        this.extractor = new FeatureExtractor(bundle.spec());
        this.predictor = predictor;
        this.groups = ColumnGroups.of(extractor.channels(), extractor.columns());
        this.policy = DecisionPolicy.of(manifest, bundle.spec(), groups.channelOfColumn());
        this.occluder = raw instanceof Occluder.Source source ? source.occluder(occlusionSets(groups, extractor.columns().size()),
                references(policy, extractor.columns().size())) : java.util.Optional.empty();
        this.fingerprint = fingerprint;
        this.loadedAt = loadedAt;
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < extractor.channels().size(); c++) {
            index.put(extractor.channels().get(c), c);
        }
        this.channelIndex = java.util.Map.copyOf(index);
        // "UTC" as a region parses through java.time's general formatter; as an offset it takes the axis' fast path.
        // Same instants either way.
        this.requestAxis = extractor.axis() instanceof TimeAxis.Timestamps ts ? new TimeAxis.Timestamps(ts.zone().normalized())
                : extractor.axis();
    }

    /**
     * Resolves {@code reference} in {@code registry}, loads and verifies the bundle (every checksum), creates its
     * predictor and scores one row as a smoke test. Anything wrong throws, and nothing is left open.
     */
    public static ServedModel load(ModelRegistry registry, String reference, Predictors predictors) {
        BundleRef ref = registry.resolve(reference);
        String fp = fingerprint(registry.directory(ref));
        LoadedBundle bundle = registry.load(ref);
        Predictor raw = predictors.create(bundle);
        // combining concurrent calls pays off for a native batch call's fixed cost, not for walking trees in Java
        Predictor p = raw instanceof XGBoostDirectPredictor d && d.walksTrees() ? raw : new CombiningPredictor(raw);
        try {
            ServedModel m = new ServedModel(reference, ref, bundle, raw, p, fp, Instant.now());
            double[] row = new double[m.extractor.columns().size()];
            Arrays.fill(row, 0.0);
            p.predict(new double[][] {row});
            return m;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The explanation's occlusions: each column alone (0..k-1), then each group (k..k+g-1). */
    static int[][] occlusionSets(ColumnGroups groups, int k) {
        int[][] sets = new int[k + groups.size()][];
        for (int c = 0; c < k; c++) {
            sets[c] = new int[] {c};
        }
        for (int g = 0; g < groups.size(); g++) {
            sets[k + g] = groups.columnsOf(g);
        }
        return sets;
    }

    private static double[] references(DecisionPolicy policy, int k) {
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            r[c] = policy.reference(c);
        }
        return r;
    }

    /**
     * What a bundle directory holds now: every file's name, size and modification time. A reload is attempted when
     * it changes (or the reference resolves to another version).
     */
    static String fingerprint(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                sb.append(f.getFileName()).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis()).append(';');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundle directory " + dir, e);
        }
    }

    /** Takes a reference unless the model was already released for good. */
    boolean tryRetain() {
        while (true) {
            int n = refs.get();
            if (n == 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the predictor. */
    public void release() {
        if (refs.decrementAndGet() == 0) {
            predictor.close();
        }
    }

    /** Whether the predictor has been closed (the model was replaced and its last request finished). */
    public boolean closed() {
        return refs.get() == 0;
    }

    /** The model name. */
    public String name() {
        return ref.name();
    }

    /** The registry version. */
    public int version() {
        return ref.version();
    }

    /** The reference this model was resolved from, e.g. {@code pump@production}. */
    public String reference() {
        return reference;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The bundle's spec, compiled once for this model. */
    public FeatureExtractor extractor() {
        return extractor;
    }

    /** A faster way to the explanation's occlusions (see {@link #occlusionSets}), when the model has one. */
    public java.util.Optional<Occluder> occluder() {
        return occluder;
    }

    public Predictor predictor() {
        return predictor;
    }

    public DecisionPolicy policy() {
        return policy;
    }

    public ColumnGroups groups() {
        return groups;
    }

    /** Input channels, in the order the spec reads them. */
    public List<String> channels() {
        return extractor.channels();
    }

    /** The position of each input channel in {@link #channels()}. */
    public java.util.Map<String, Integer> channelIndex() {
        return channelIndex;
    }

    /** The spec's hash: asset states built for one hash are valid for any model with that hash. */
    public String specHash() {
        return manifest.featureSpecHash();
    }

    /** The spec's time axis for parsing request times: the same ticks, with a fixed-offset zone normalized for speed. */
    public TimeAxis requestAxis() {
        return requestAxis;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
