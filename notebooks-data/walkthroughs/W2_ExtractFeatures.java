/*
 * W2 — Extract features, in batch and live, and label them.
 *
 * Reads the Azure guide feature spec (notebooks-data/specs/azure-guide.json: a row every 3 h per machine from
 * data strictly before it), extracts the whole fleet in batch (BatchExtractor -> FeatureTable), then rebuilds
 * one of those rows live: an AssetState fed machine 1's readings and events one at a time, asked for its
 * vector with vectorAt(T). Batch and live are one implementation, so the numbers agree. Finally labels every
 * row with FailureWithinHorizon per component (which component fails within 24 h) and prints the class
 * balance; rows whose 24 h horizon runs past the end of the data are censored and dropped.
 *
 * Run from the repository root after `./mvnw -q -B -DskipTests package -pl cli -am`:
 *   java -cp "cli/target/prognos.jar:cli/target/lib/*" notebooks-data/walkthroughs/W2_ExtractFeatures.java
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.extract.RowSink;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;

public class W2_ExtractFeatures {
    public static void main(String[] args) throws Exception {
        Path data = notebooksData();
        FeatureSpec spec = SpecJson.read(data.resolve("specs/azure-guide.json"));
        Dataset azure = AzurePdm.load(data.resolve("azure-pdm"));
        FeatureExtractor extractor = new FeatureExtractor(spec);
        System.out.println("spec " + spec.name() + " (hash " + spec.hash().substring(0, 12) + "): " + extractor.columns().size()
                + " columns " + extractor.columns());

        // Batch: every machine replayed through its own AssetState, rows collected in a FeatureTable.
        FeatureTable unordered = new FeatureTable(extractor.columns());
        BatchExtractor.Summary summary = new BatchExtractor(extractor, 2, readings -> { }).run(azure, unordered);
        FeatureTable table = unordered.sorted();   // by machine, then time: independent of thread scheduling
        System.out.printf(Locale.ROOT, "batch: %d rows x %d features from %d readings of %d machines%n",
                table.size(), table.columns().size(), summary.readings(), summary.assets());
        String[] shown = {"volt_mean_3h", "volt_std_24h", "vibration_mean_24h", "error1_count_24h", "since_maint_comp1",
                "model_model3", "age"};
        System.out.printf(Locale.ROOT, "%-7s %-19s", "machine", "row time");
        for (String c : shown) {
            System.out.printf(Locale.ROOT, " %18s", c);
        }
        System.out.println();
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%-7s %-19s", table.asset(i), extractor.axis().format(table.time(i)));
            for (String c : shown) {
                System.out.printf(Locale.ROOT, " %18.4f", table.value(i, table.column(c)));
            }
            System.out.println();
        }

        // Live: the same row of machine 1, rebuilt from its readings and events fed one at a time.
        int row = table.rowsByAsset().get("1")[400];
        long at = table.time(row);
        record Reading(long time, double[] values) { }
        List<Reading> readings = new ArrayList<>();
        azure.telemetry().forEach((asset, time, values) -> {
            if (asset.equals("1") && time < at) {                 // grid rows use data strictly before their time
                readings.add(new Reading(time, values.clone()));    // the source reuses its array
            }
        });
        AssetState live = extractor.newState("1", azure.attributes().of("1"));
        List<Event> events = azure.events().of("1");
        int next = 0;
        for (Reading r : readings) {                                 // events first, as batch extraction merges them
            while (next < events.size() && events.get(next).time() <= r.time()) {
                live.event(events.get(next++), RowSink.discard());
            }
            live.reading(r.time(), r.values(), RowSink.discard());
        }
        while (next < events.size() && events.get(next).time() < at) {
            live.event(events.get(next++), RowSink.discard());
        }
        double[] vector = new double[extractor.columns().size()];
        live.vectorAt(at, vector, RowSink.discard());
        double[] batch = table.row(row);
        System.out.printf(Locale.ROOT, "machine 1 at %s, live from %d readings fed one at a time (state: %d bytes):%n",
                extractor.axis().format(at), live.readings(), live.estimatedBytes());
        for (String c : shown) {
            System.out.printf(Locale.ROOT, "  %-20s batch %12.6f   live %12.6f%n", c, batch[table.column(c)], vector[table.column(c)]);
        }
        double worst = 0;                                            // relative difference (absolute below 1); NaN = NaN
        for (int c = 0; c < vector.length; c++) {
            double d = Double.compare(vector[c], batch[c]) == 0 ? 0
                    : Math.abs(vector[c] - batch[c]) / Math.max(1, Math.abs(batch[c]));
            worst = Math.max(worst, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
        }
        System.out.printf(Locale.ROOT, "batch and live agree: %s (largest difference %.1e over %d features; tolerance 1e-9)%n",
                worst <= 1e-9 ? "yes" : "NO", worst, vector.length);

        // Labels: which component fails within the next 24 hours; censored rows (horizon past the data) are NaN.
        FailureWithinHorizon labeler = FailureWithinHorizon.perComponent(extractor.axis().parseSpan("24h"),
                List.of("comp1", "comp2", "comp3", "comp4"));
        double[] y = labeler.label(table, azure.events(), summary.lastReadingTimes());
        long[] perClass = new long[labeler.classes().size()];
        long censored = 0;
        for (double label : y) {
            if (Double.isNaN(label)) {
                censored++;
            } else {
                perClass[(int) label]++;
            }
        }
        long kept = y.length - censored;
        System.out.printf(Locale.ROOT, "labels %s: %d rows kept, %d censored rows dropped%n", labeler.classes(), kept, censored);
        for (int k = 0; k < perClass.length; k++) {
            System.out.printf(Locale.ROOT, "  %-5s %6d rows  %6.2f %%%n", labeler.classes().get(k), perClass[k],
                    100.0 * perClass[k] / kept);
        }
        System.out.println("(rare positives: judge a model by event recall and false alarms, not by accuracy)");
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
