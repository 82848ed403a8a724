package org.prognos.inference.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreResponse;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.Explanation;
import org.prognos.models.runtime.answer.FailureOutlook;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.RemainingLife;
import org.prognos.models.runtime.answer.RiskSummary;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The hand-written answer writer gives exactly the bytes of Jackson's reflective serialization, for failure, RUL and
 * anomaly answers.
 */
class ScoreResponseSerializerTest {
    private final JsonCodec codec = new JsonCodec(ServiceConfig.Limits.defaults());
    private final JsonCodec reference = JsonCodec.reflective(ServiceConfig.Limits.defaults());
    private final Random random = new Random(11);

    private double number() {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> 0.0;
            case 3 -> -0.0;
            case 4 -> random.nextInt(1000);
            case 5 -> 1e-300 * random.nextDouble();
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
        };
    }

    private String text() {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "quote \" backslash \\ tab \t newline \n control \u0001 é 日本 \uD83D\uDE00";
            default -> "comp" + random.nextInt(10);
        };
    }

    private OptionalDouble optional() {
        return random.nextInt(3) == 0 ? OptionalDouble.empty() : OptionalDouble.of(number());
    }

    private ScoreResponse answer() {
        Optional<FailureOutlook> failure = Optional.empty();
        Optional<RemainingLife> life = Optional.empty();
        Optional<AnomalyOutlook> anomaly = Optional.empty();
        int kind = random.nextInt(3);
        if (kind == 2) {
            List<AnomalyOutlook.SensorContribution> sensors = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                sensors.add(new AnomalyOutlook.SensorContribution(text(), number(), number()));
            }
            anomaly = Optional.of(new AnomalyOutlook(number(), number(), number(), number(), random.nextBoolean(), sensors,
                    random.nextBoolean() ? Optional.empty() : Optional.of(new AnomalyOutlook.Adaptive(number(), number(),
                            optional(), number(), random.nextBoolean(), random.nextInt(100_000)))));
        } else if (kind == 0) {
            Map<String, Double> by = new LinkedHashMap<>();
            for (int c = random.nextInt(5); c > 0; c--) {
                by.put("comp" + c + (random.nextBoolean() ? "\"x" : ""), random.nextInt(6) == 0 ? null : number());
            }
            failure = Optional.of(new FailureOutlook(random.nextBoolean() ? "24h" : null, number(), by));
        } else {
            life = Optional.of(random.nextBoolean() ? new RemainingLife(number(), text(), number())
                    : new RemainingLife(number(), text(), number(), Optional.of(new RemainingLife.Interval(number(), number(),
                    number(), random.nextBoolean() ? "binned" : "quote \" é", random.nextBoolean()))));
        }
        Optional<Explanation> explanation = Optional.empty();
        if (random.nextInt(3) > 0) {
            List<FeatureContribution> features = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                features.add(new FeatureContribution(text(), text(), optional(), optional(), number()));
            }
            List<GroupContribution> groups = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                groups.add(new GroupContribution(text(), random.nextBoolean(), number()));
            }
            explanation = Optional.of(new Explanation(text(), text(), features, groups));
        }
        List<String> warnings = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            warnings.add("ignored channels the model does not read: [" + text() + "]");
        }
        return new ScoreResponse(random.nextInt(10) == 0 ? null : new ModelRef(text(), random.nextInt(100)),
                random.nextBoolean() ? Optional.empty() : Optional.ofNullable(text()), text(), random.nextInt(1000), failure, life,
                anomaly, number(), random.nextInt(10) == 0 ? null : new RiskSummary(number(), text(), number(), random.nextBoolean(), text()),
                explanation, warnings);
    }

    @Test
    void everyKindOfAnswerIsWrittenAsJacksonWouldWriteIt() {
        for (int i = 0; i < 3_000; i++) {
            ScoreResponse a = answer();
            assertEquals(new String(reference.write(a), StandardCharsets.UTF_8), new String(codec.write(a), StandardCharsets.UTF_8));
        }
    }

    @Test
    void batchesUseItForEachAnswer() {
        BatchScoreResponse batch = new BatchScoreResponse(List.of(answer(), answer(), answer()));
        assertEquals(new String(reference.write(batch), StandardCharsets.UTF_8), new String(codec.write(batch), StandardCharsets.UTF_8));
    }
}
