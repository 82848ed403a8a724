package org.prognos.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.codec.read.RequestWindow;
import org.prognos.inference.codec.read.WindowReader;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.predict.Predictors;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.models.runtime.Scorer;
import org.prognos.inference.scoring.WindowFeatures;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.models.registry.ModelRegistry;

/**
 * The scoring route's work without HTTP, step by step, on the serving benchmark's body (24 hourly readings of
 * Azure machine 55, its events and attributes) and model: binding the body to {@code ScoreRequest} (what the HTTP
 * floor does) and computing its feature vector (the general path: {@code RequestWindow} then the core's
 * {@code WindowFeatures}), reading the body straight into the window ({@code WindowReader}, the route's path) and
 * computing its vector, scoring with the explanation, writing the answer, and the route's steps in a row (the
 * HTTP layer's {@code BodyReader} hands the core a typed window; the core computes, scores; the answer is written). Needs the serving benchmark's setup: {@code benchmarks/serve/run.sh} (or
 * {@code ServeBench setup}) first. Run: {@code java -jar benchmarks/target/benchmarks.jar ScorePath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ScorePathBenchmark {
    private ServedModel model;
    private JsonCodec codec;
    private BodyReader bodies;
    private WindowSchema schema;
    private ServiceConfig.Limits limits;
    private byte[] body;
    private ScoreRequest request;
    private FeatureVector vector;
    private ScoreResponse answer;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path work = Path.of(System.getProperty("prognos.work", "/tmp/prognos-serve-bench"));
        model = ServedModel.load(new ModelRegistry(work.resolve("registry")), "azure-24h@production", Predictors.standard());
        limits = ServiceConfig.defaults().limits();
        codec = new JsonCodec(limits);
        bodies = new BodyReader(codec, limits);
        schema = WindowSchema.of(model);
        body = Files.readAllBytes(work.resolve("body.json"));
        request = codec.read(body, ScoreRequest.class);
        vector = WindowFeatures.extract(model, RequestWindow.window(schema, request, "", limits));
        answer = Scorer.score(model.loaded(), List.of(vector), 5).get(0);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.release();
    }

    @Benchmark
    public ScoreRequest bind() {
        return codec.read(body, ScoreRequest.class);
    }

    @Benchmark
    public FeatureVector vector() {
        return WindowFeatures.extract(model, RequestWindow.window(schema, request, "", limits));
    }

    /** The route's reader: the body straight into the window, and its vector (what bind + vector do, in one pass). */
    @Benchmark
    public FeatureVector readWindow() {
        ReadingWindow w = WindowReader.read(codec.mapper().getFactory(), body, schema, limits).orElseThrow();
        return WindowFeatures.extract(model, w);
    }

    @Benchmark
    public ScoreResponse scoreExplained() {
        return Scorer.score(model.loaded(), List.of(vector), 5).get(0);
    }

    @Benchmark
    public byte[] write() {
        return codec.write(answer);
    }

    /**
     * The route's work: the HTTP layer reads the window against the model's schema, the core computes its vector and
     * scores it with the explanation, the answer is written.
     */
    @Benchmark
    public byte[] all() {
        ReadingWindow w = bodies.window(body, WindowSchema.of(model));
        FeatureVector v = WindowFeatures.extract(model, w);
        return codec.write(Scorer.score(model.loaded(), List.of(v), 5).get(0));
    }
}
