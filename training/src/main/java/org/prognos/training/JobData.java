package org.prognos.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.FileProblems;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.Labeler;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleSigner;
import org.prognos.training.config.TrainingConfig;

/**
 * What a job reads before it splits anything: the datasets, the (unfitted) spec, the labels to learn and to score
 * against, and the registry it will publish to, checked writable first so that a bad registry fails before any
 * training. The first step of {@link TrainingJob} and {@link SequenceJob}.
 *
 * @param train    the training data (and, without {@code test}, the data the test assets are held out of)
 * @param test     a separate test set, when the config names one
 * @param spec     the feature spec as written, fitted later on the training assets only
 * @param axis     the spec's time axis
 * @param labeler  labels the training rows (remaining life capped, when the task has a cap)
 * @param truth    labels the test rows: remaining life never capped, so metrics compare with the life as given;
 *                 for failure tasks the same instance as {@code labeler}
 * @param registry    the registry, checked writable for the job's name
 * @param registryDir its directory
 * @param signer      signs the bundle as it is published, when the job was given a key
 */
record JobData(Dataset train, Optional<Dataset> test, FeatureSpec spec, TimeAxis axis, Labeler labeler, Labeler truth,
               ModelRegistry registry, Path registryDir, Optional<BundleSigner> signer) {

    /**
     * Opens what {@code config} names, its relative paths read from {@code base} (the job config's directory: a job
     * file names its data the same way wherever it is run from); {@code signer} signs the publish.
     */
    static JobData open(TrainingConfig config, Path base, Optional<BundleSigner> signer) throws IOException {
        TrainingConfig.DataConfig dc = config.data();
        Dataset train = Datasets.open(resolve(base, dc.train()), dc.subset().orElse(null), dc.pick());
        Optional<Dataset> test = dc.test().isEmpty() ? Optional.empty()
                : Optional.of(Datasets.open(resolve(base, dc.test().get()), dc.testSubset().orElse(null)));
        FeatureSpec spec = spec(config.spec(), base);
        TimeAxis axis = spec.time().toAxis();
        Labeler labeler = config.task().labeler(axis);
        Labeler truth = labeler instanceof RemainingUsefulLife r ? new RemainingUsefulLife(r.unitTicks(), OptionalLong.empty())
                : labeler;
        Path registryDir = resolve(base, config.registry());
        ModelRegistry registry = new ModelRegistry(registryDir);
        registry.checkWritable(config.name());
        return new JobData(train, test, spec, axis, labeler, truth, registry, registryDir, signer);
    }

    /** The training data's assets, in the fleet's asset order. */
    List<String> assets() throws IOException {
        Set<String> s = new LinkedHashSet<>();
        train.telemetry().forEach((a, t, v) -> s.add(a));
        List<String> l = new ArrayList<>(s);
        l.sort(FeatureTable.ASSET_ORDER);
        return l;
    }

    /** The training data's earliest reading time. */
    long firstTime() throws IOException {
        long[] min = {Long.MAX_VALUE};
        train.telemetry().forEach((a, t, v) -> min[0] = Math.min(min[0], t));
        return min[0];
    }

    /**
     * The publish step: {@code contents} published atomically as the name's next version (signed, when there is a
     * signer) and aliased {@code candidate}; nothing is written before this.
     */
    TrainingJob.Result publish(BundleContents contents, ObjectNode metrics, Consumer<String> log, long t0) throws IOException {
        BundleRef ref = signer.isPresent() ? registry.publish(contents, signer.get()) : registry.publish(contents);
        registry.promote(ref.name(), ref.version(), "candidate");
        log.accept("published " + ref + " (alias candidate" + signer.map(s -> ", signed by key " + s.keyId()).orElse("")
                + ") to " + registryDir);
        return new TrainingJob.Result(ref, metrics, registryDir.resolve(ref.name()).resolve(Integer.toString(ref.version())),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The data the test rows come from: the separate test set, else the training data. */
    Dataset testSource() {
        return test.orElse(train);
    }

    /** A path the config writes, resolved against {@code base} and shown absolute ({@code /repo/registry}, not {@code jobs/../../registry}). */
    static Path resolve(Path base, String path) {
        return FileProblems.absolute(base.resolve(path));
    }

    private static FeatureSpec spec(JsonNode s, Path base) {
        return s.isTextual() ? SpecJson.read(resolve(base, s.asText())) : SpecJson.fromTree(s, "job config 'spec'");
    }
}
