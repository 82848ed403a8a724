package org.prognos.inference.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AdaptiveBasis;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.DecisionPolicy;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.signing.BundleTrust;

/**
 * A {@link LoadedModel} as the service serves it: the runtime's model plus what only the service needs, the
 * reference it was resolved from, the registry directory's fingerprint (for reloads) and the load time.
 *
 * <p><b>Reference counting.</b> The catalog holds one reference while the model is current; every request holds
 * one through a {@link ModelLease}. When a reload swaps in a new version, the catalog drops its reference, and the
 * predictor is closed only when the last in-flight request on the old version releases it, so no request ever
 * sees a closed model.
 */
public final class ServedModel {
    /** Why an adaptive scorer carries over, in words: what {@link AdaptiveBasis#whyRestart} compares. */
    public static final String MEANS_THE_SAME = "same feature spec, adaptive settings, columns and scaling";

    private final String reference;
    private final BundleRef ref;
    private final LoadedModel model;
    private final String fingerprint;
    private final Instant loadedAt;
    private final AtomicInteger refs = new AtomicInteger(1);

    private ServedModel(String reference, BundleRef ref, LoadedModel model, String fingerprint, Instant loadedAt) {
        this.reference = reference;
        this.ref = ref;
        this.model = model;
        this.fingerprint = fingerprint;
        this.loadedAt = loadedAt;
    }

    /** As {@link #load(ModelRegistry, String, Predictors, BundleTrust)} without a trust list (checksums only). */
    public static ServedModel load(ModelRegistry registry, String reference, Predictors predictors) {
        return load(registry, reference, predictors, BundleTrust.unchecked());
    }

    /**
     * Resolves {@code reference} in {@code registry}, loads and verifies the bundle (every checksum, and its signature
     * when {@code trust} is a trust list), creates its predictor and scores one row as a smoke test
     * ({@link LoadedModel#load(org.prognos.models.bundle.LoadedBundle, Predictors)}). Anything wrong throws, and
     * nothing is left open.
     */
    public static ServedModel load(ModelRegistry registry, String reference, Predictors predictors, BundleTrust trust) {
        BundleRef ref = registry.resolve(reference);
        String fp = fingerprint(registry.directory(ref));
        LoadedModel model = LoadedModel.load(registry.load(ref, trust), predictors);
        return new ServedModel(reference, ref, model, fp, Instant.now());
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

    /** Drops a reference; the last one closes the model. */
    public void release() {
        if (refs.decrementAndGet() == 0) {
            model.close();
        }
    }

    /** Whether the predictor has been closed (the model was replaced and its last request finished). */
    public boolean closed() {
        return refs.get() == 0;
    }

    /** The runtime's model: what {@link org.prognos.models.runtime.Scorer} scores. */
    public LoadedModel loaded() {
        return model;
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

    /** The bundle's manifest. */
    public Manifest manifest() {
        return model.manifest();
    }

    /** The bundle's spec, compiled once for this model. */
    public FeatureExtractor extractor() {
        return model.extractor();
    }

    /** The alarm threshold, reference life and explanation reference values. */
    public DecisionPolicy policy() {
        return model.policy();
    }

    /** Input channels, in the order the spec reads them. */
    public List<String> channels() {
        return model.channels();
    }

    /** The position of each input channel in {@link #channels()}. */
    public Map<String, Integer> channelIndex() {
        return model.channelIndex();
    }

    /** The spec's hash: asset states built for one hash are valid for any model with that hash. */
    public String specHash() {
        return model.specHash();
    }

    /** The spec's time axis for parsing request times: the same ticks, with a fixed-offset zone normalized for speed. */
    public TimeAxis requestAxis() {
        return model.requestAxis();
    }

    /**
     * What a reload from {@code before} to this model does to the assets' adaptive scorers, as one sentence for the log;
     * empty when neither is scored adaptively. The streaming state decides each asset the same way at its next reading
     * ({@code AdaptiveSlots}): carried over, or restarted (warm-up included) and why.
     */
    public Optional<String> adaptiveHandover(ServedModel before) {
        Optional<AdaptiveBasis> from = before.loaded().adaptiveBasis();
        Optional<AdaptiveBasis> to = model.adaptiveBasis();
        if (from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        if (to.isEmpty()) {
            return Optional.of("assets' adaptive scorers are dropped: " + this + " is not scored adaptively");
        }
        if (from.isEmpty()) {
            return Optional.of("assets start adaptive scorers (warming up): " + before + " was not scored adaptively");
        }
        return Optional.of(from.get().whyRestart(to.get())
                .map(w -> "assets' adaptive scorers restart (warming up) at their next reading: " + w)
                .orElse("assets' adaptive scorers carry over (" + MEANS_THE_SAME + ")"));
    }

    /** When this version was loaded. */
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
