package org.prognos.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TrainedModels;
import org.prognos.models.tribuo.TribuoPayloads;

/**
 * A registry saved by an earlier build ({@code src/test/resources/bundles/registry}) must still load and predict
 * what it predicted then. A failure here means the bundle format, the spec hash, the feature columns or the Tribuo
 * model format changed: old bundles in the field would stop loading. Regenerate only for a deliberate format change
 * (and bump {@code prognos-bundle/N}): {@code PROGNOS_REGENERATE_BUNDLES=1 ./mvnw test -pl models -Dtest=SavedBundleTest}.
 */
class SavedBundleTest {
    static final Path SOURCE = Path.of("src/test/resources/bundles");
    static final double SAVED_PREDICTION_TOLERANCE = 1e-6;
    static final Instant SAVED_AT = Instant.parse("2025-06-01T12:00:00Z");

    /** The expected predictions stored next to the registry. */
    record Expected(double[][] rows, double[][] failureProbabilities, double[] rul) {
    }

    static Path saved() throws URISyntaxException {
        return Path.of(SavedBundleTest.class.getResource("/bundles").toURI());
    }

    static Expected expected(Path bundles) throws IOException {
        return new ObjectMapper().readValue(bundles.resolve("expected-predictions.json").toFile(), Expected.class);
    }

    @Test
    void the_saved_registry_lists_its_models_and_aliases() throws Exception {
        ModelRegistry r = new ModelRegistry(saved().resolve("registry"));
        assertEquals(List.of("pump-failure", "pump-rul"), r.list());
        assertEquals(new BundleRef("pump-failure", 1), r.resolve("pump-failure@production"));
        assertEquals(Map.of("production", 1), r.aliases("pump-failure"));
    }

    @Test
    void the_saved_tribuo_bundle_loads_and_predicts_as_when_it_was_saved() throws Exception {
        LoadedBundle b = new ModelRegistry(saved().resolve("registry")).load("pump-failure@production");
        assertEquals(PayloadKind.TRIBUO_PROTOBUF, b.manifest().payload().kind());
        assertEquals(SAVED_AT, b.manifest().createdAt());
        assertEquals(Fixtures.columns(), b.manifest().featureColumns());
        Expected expected = expected(saved());
        try (Predictor p = Predictors.load(b)) {
            double[][] got = ((Predictions.Probabilities) p.predict(expected.rows())).probabilities();
            for (int r = 0; r < got.length; r++) {
                assertArrayEquals(expected.failureProbabilities()[r], got[r], SAVED_PREDICTION_TOLERANCE, "row " + r);
            }
        }
    }

    @Test
    void the_saved_baseline_bundle_loads_and_predicts_as_when_it_was_saved() throws Exception {
        LoadedBundle b = new ModelRegistry(saved().resolve("registry")).load("pump-rul:1");
        Expected expected = expected(saved());
        try (Predictor p = Predictors.load(b)) {
            assertArrayEquals(expected.rul(), ((Predictions.Values) p.predict(expected.rows())).values(),
                    SAVED_PREDICTION_TOLERANCE);
        }
    }

    @Test
    void the_saved_rul_bundle_from_before_intervals_loads_without_one() throws Exception {
        LoadedBundle b = new ModelRegistry(saved().resolve("registry")).load("pump-rul:1");
        assertEquals(java.util.Optional.empty(), b.interval());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "PROGNOS_REGENERATE_BUNDLES", matches = "1")
    void regenerate_the_saved_registry() throws Exception {
        Path registryDir = SOURCE.resolve("registry");
        if (Files.exists(registryDir)) {
            try (Stream<Path> walk = Files.walk(registryDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        ModelRegistry r = new ModelRegistry(registryDir, Clock.fixed(SAVED_AT, ZoneOffset.UTC));
        List<String> columns = Fixtures.columns();
        r.publish(Fixtures.contents("pump-failure", Fixtures.FAILURE, TribuoPayloads.of(TrainedModels.xgbClassifier(columns))));
        r.promote("pump-failure", 1, "production");
        r.publish(Fixtures.contents("pump-rul", Fixtures.RUL,
                new Baseline.LinearDegradation(columns.get(0), 325, -4, 60).payload()));
        Files.delete(registryDir.resolve("pump-failure/.lock"));
        Files.delete(registryDir.resolve("pump-rul/.lock"));

        double[][] rows = Fixtures.rows(8, 2025);
        try (Predictor f = Predictors.load(r.load("pump-failure:1")); Predictor v = Predictors.load(r.load("pump-rul:1"))) {
            Expected e = new Expected(rows, ((Predictions.Probabilities) f.predict(rows)).probabilities(),
                    ((Predictions.Values) v.predict(rows)).values());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(SOURCE.resolve("expected-predictions.json").toFile(), e);
        }
    }
}
