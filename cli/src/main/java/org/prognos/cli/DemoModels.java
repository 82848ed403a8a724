package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.prognos.PrognosException;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.signing.KeyFiles;
import org.prognos.models.signing.SigningKey;
import org.prognos.models.signing.TrustList;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

/**
 * Step 1 of {@code prognos demo}: the example jobs trained into the demo registry, signed with the demo key pair (kept
 * in the working directory's {@code keys/}, reused across runs) and promoted to production. A job whose production
 * version is already there is reused unless {@code --retrain}; a reused model the demo key has not signed (one from a
 * run with another key, say) is signed again. Each trained model prints its held-out figure beside its baseline's.
 */
final class DemoModels {
    /** The example jobs the demo trains (in notebooks-data/jobs). */
    static final List<String> JOBS = List.of("azure-24h-xgboost.yaml", "azure-7d-xgboost.yaml", "cmapss-fd001-xgboost.yaml",
            "azure-anomaly-knn.yaml");
    /** File name (without extension) of the demo's signing key pair, in its working directory's keys/. */
    static final String DEMO_KEY = "demo";

    private DemoModels() {
    }

    /**
     * The demo's models, signed and promoted, and what the service needs to trust them.
     *
     * @param models    the production version of each job, in {@link #JOBS} order
     * @param publicKey the demo key's public half, the service's trust list
     * @param trust     the trust list holding it
     */
    record Published(List<BundleRef> models, Path publicKey, TrustList trust) {
        Published {
            models = List.copyOf(models);
        }
    }

    /** Trains (or reuses), signs and promotes every job of {@code data}'s jobs folder into {@code registry}. */
    static Published publish(Path data, Path root, ModelRegistry registry, Path registryDir, boolean retrain, PrintWriter out)
            throws IOException {
        KeyFiles.Written keyFiles = demoKey(root.resolve("keys"));
        BundleSigner signer = BundleSigner.read(keyFiles.privateKey());
        TrustList trust = TrustList.read(List.of(keyFiles.publicKey()));
        List<BundleRef> models = new ArrayList<>();
        for (String job : JOBS) {
            models.add(train(data.resolve("jobs").resolve(job), registry, registryDir, signer, retrain, out));
        }
        signAll(registry, models, signer, trust);
        out.println("signed " + models.stream().map(BundleRef::toString).collect(Collectors.joining(", ")) + " with demo key "
                + signer.keyId() + " (" + keyFiles.privateKey() + "); the service serves only bundles signed by it (trust.keys: "
                + keyFiles.publicKey() + ")");
        return new Published(models, keyFiles.publicKey(), trust);
    }

    /**
     * The demo's signing key pair in {@code dir} ({@code demo.key}, {@code demo.pub}): the one a previous run wrote,
     * else a new one.
     */
    private static KeyFiles.Written demoKey(Path dir) {
        KeyFiles.Written files = new KeyFiles.Written(dir.resolve(DEMO_KEY + KeyFiles.PRIVATE_SUFFIX),
                dir.resolve(DEMO_KEY + KeyFiles.PUBLIC_SUFFIX));
        boolean hasPrivate = Files.exists(files.privateKey());
        if (hasPrivate != Files.exists(files.publicKey())) {
            throw new PrognosException(files.privateKey() + " and " + files.publicKey() + " belong together; remove the one"
                    + " left and run the demo again");
        }
        return hasPrivate ? files : KeyFiles.write(SigningKey.generate(), dir, DEMO_KEY);
    }

    /** Signs each model the trust list does not already accept (one reused from a run with another key, say). */
    private static void signAll(ModelRegistry registry, List<BundleRef> models, BundleSigner signer, TrustList trust) {
        for (BundleRef ref : models) {
            if (!trust.verify(registry.load(ref)).trusted()) {
                registry.sign(ref, signer);
            }
        }
    }

    /**
     * Trains one job into the demo registry, signed, and promotes it, unless a production version is already there.
     *
     * @return the production version
     */
    private static BundleRef train(Path jobFile, ModelRegistry registry, Path registryDir, BundleSigner signer, boolean retrain,
                                   PrintWriter out) throws IOException {
        TrainingConfig job = ConfigReader.read(jobFile);
        Optional<BundleRef> existing = registry.find(job.name() + "@production");
        if (existing.isPresent() && !retrain) {
            out.println("reusing " + existing.get() + " (--retrain trains again)");
            return existing.get();
        }
        TrainingConfig here = new TrainingConfig(job.name(), job.data(), job.spec(), job.task(), job.model(), job.split(),
                job.costs(), registryDir.toString(), job.seed());
        TrainingJob.Result r;
        try (TrainingStages stages = TrainingStages.onTerminal("train " + job.name(), System.err)) {
            r = new TrainingJob(here, jobFile.getParent(), stages::logged).signedWith(signer).run();
        }
        registry.promote(r.published().name(), r.published().version(), "production");
        out.printf(Locale.ROOT, "trained %s in %.1f s, promoted to production; held-out test: %s%n", r.published(), r.trainSeconds(),
                headline(r.metrics()));
        return r.published();
    }

    /** The figure a user looks at first, beside the baseline's. */
    static String headline(JsonNode metrics) {
        JsonNode m = metrics.path("model");
        if (m.has("rmse")) {
            return String.format(Locale.ROOT, "RMSE %.2f cycles (%.2f against RUL capped at 125); baselines: mean RUL %.2f, linear degradation %.2f",
                    m.path("rmse").asDouble(), m.path("rmseCappedTruth").asDouble(), metrics.at("/baselines/mean-rul/rmse").asDouble(),
                    metrics.at("/baselines/linear-degradation/rmse").asDouble());
        }
        if ("anomaly".equals(metrics.path("task").asText())) {   // no labels in training: the failures judge it afterwards
            JsonNode e = metrics.at("/evaluation/" + metrics.path("family").asText() + "/within24h");
            JsonNode z = metrics.at("/evaluation/zscore baseline/within24h");
            return String.format(Locale.ROOT, "failures alarmed within 24 h %d/%d, %.2f false-alarm episodes per asset-month;"
                    + " z-score baseline: %d/%d, %.2f", e.path("caught").asInt(), e.path("failures").asInt(),
                    e.path("alarmEpisodesPerAssetMonth").asDouble(), z.path("caught").asInt(), z.path("failures").asInt(),
                    z.path("alarmEpisodesPerAssetMonth").asDouble());
        }
        JsonNode b = metrics.at("/baselines/class-prior");
        return String.format(Locale.ROOT, "event recall %.3f (%d/%d failures), %.2f needless visits per asset-month; class prior: %.3f, %.2f",
                m.path("eventRecall").asDouble(), m.path("eventsCaught").asInt(), m.path("eventsWithRows").asInt(),
                m.path("needlessVisitsPerAssetMonth").asDouble(), b.path("eventRecall").asDouble(),
                b.path("needlessVisitsPerAssetMonth").asDouble());
    }
}
