/*
 * W3 — Train, evaluate against baselines, publish, promote.
 *
 * Runs the C-MAPSS FD001 job config (notebooks-data/jobs/cmapss-fd001-xgboost.yaml: remaining useful life with
 * XGBoost on 30-cycle window features) through TrainingJob, with 50 trees at eta 0.1 instead of the config's
 * 500 at 0.05 so that it takes seconds, and into a scratch registry instead of the config's. The job splits by
 * engine, fits the spec's normalization on training engines only, trains, scores each FD001 test engine at its
 * last cycle against RUL_FD001.txt, and publishes a bundle (alias 'candidate'). This program prints the model's
 * test RMSE beside the two baselines every job ships (mean RUL; linear degradation on elapsed cycles), lists the
 * registry, and promotes the new version to 'production', from where W4 loads it.
 *
 * Run from the repository root after `./mvnw -q -B -DskipTests package -pl cli -am`:
 *   java -cp "cli/target/prognos.jar:cli/target/lib/*" notebooks-data/walkthroughs/W3_TrainEvaluatePublish.java [registry-dir]
 * The registry defaults to <java.io.tmpdir>/prognos-walkthroughs/registry, emptied first; a registry-dir given
 * as argument is used as it is (each run then adds a version).
 */
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

public class W3_TrainEvaluatePublish {
    static final int TREES = 50;
    static final double ETA = 0.1;   // fewer trees, each taking a larger step

    public static void main(String[] args) throws Exception {
        Path jobFile = notebooksData().resolve("jobs/cmapss-fd001-xgboost.yaml");
        Path registryDir = args.length > 0 ? Path.of(args[0]) : scratchRegistry();

        TrainingConfig job = ConfigReader.read(jobFile);
        Map<String, JsonNode> params = new TreeMap<>(job.model().params());
        params.put("trees", IntNode.valueOf(TREES));
        params.put("eta", DoubleNode.valueOf(ETA));
        TrainingConfig quick = new TrainingConfig(job.name(), job.data(), job.spec(), job.task(),
                TrainingConfig.ModelConfig.of(job.model().family(), params), job.split(), job.costs(),
                registryDir.toAbsolutePath().toString(), job.seed());
        System.out.println("job " + job.name() + " from " + jobFile.getFileName() + ": " + job.model().family() + " " + params
                + " (the config says " + new TreeMap<>(job.model().params()) + "), seed " + job.seed());

        // Relative paths in the config (data, spec) start from the config's folder, as with `prognos train`.
        TrainingJob.Result result = new TrainingJob(quick, jobFile.getParent(), line -> {
            // Left out: the timing and the path (they vary by run) and the test lines (the table below has them).
            if (!line.startsWith("trained in") && !line.startsWith("published") && !line.startsWith("test ")) {
                System.out.println("  job | " + line);
            }
        }).run();

        JsonNode m = result.metrics();
        System.out.println();
        System.out.printf(Locale.ROOT, "test set: %d FD001 test engines, each scored once at its last cycle%n",
                m.at("/model/count").asInt());
        System.out.printf(Locale.ROOT, "%-20s %8s %8s %10s%n", "", "RMSE", "MAE", "PHM08");
        row("model (xgboost)", m.at("/model"));
        row("baseline mean-rul", m.at("/baselines/mean-rul"));
        row("baseline linear", m.at("/baselines/linear-degradation"));
        double model = m.at("/model/rmse").asDouble();
        double best = Math.min(m.at("/baselines/mean-rul/rmse").asDouble(), m.at("/baselines/linear-degradation/rmse").asDouble());
        System.out.printf(Locale.ROOT, "the model beats both baselines: %s (RMSE %.1f %% of the better baseline's)%n",
                model < best ? "yes" : "NO", 100 * model / best);

        ModelRegistry registry = new ModelRegistry(registryDir);
        BundleRef published = result.published();
        System.out.println();
        System.out.println("published " + published + "; registry now holds:");
        list(registry);
        registry.promote(published.name(), published.version(), "production");
        System.out.println("promoted " + published + " to production:");
        list(registry);
        System.out.println("serving loads it as \"" + published.name() + "@production\" (see W4)");
    }

    static void row(String name, JsonNode metrics) {
        System.out.printf(Locale.ROOT, "%-20s %8.2f %8.2f %10.1f%n", name, metrics.get("rmse").asDouble(),
                metrics.get("mae").asDouble(), metrics.get("phm08").asDouble());
    }

    static void list(ModelRegistry registry) {
        for (String name : registry.list()) {
            System.out.println("  " + name + "  versions " + registry.versions(name).stream().map(BundleRef::version).toList()
                    + "  aliases " + registry.aliases(name));
        }
    }

    /** The default scratch registry, emptied so that every run publishes version 1. */
    static Path scratchRegistry() throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "prognos-walkthroughs", "registry");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    /** The repository's notebooks-data folder, found from the working directory upwards. */
    static Path notebooksData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("notebooks-data/azure-pdm"))) {
                return dir.resolve("notebooks-data");
            }
        }
        throw new IllegalStateException("run this from inside the Prognos repository: no notebooks-data/ above "
                + Path.of("").toAbsolutePath());
    }
}
