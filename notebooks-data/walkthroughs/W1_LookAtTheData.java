/*
 * W1 — Look at the data.
 *
 * Loads the two bundled real datasets the way every Prognos component does (org.prognos.features.io) and
 * prints what a data scientist checks first: rows, assets, channels, time range, the event logs, a few
 * readings of one machine, and per-channel summary statistics (Commons Math DescriptiveStatistics).
 *   - Azure PdM (AzurePdm.load): 70 machines, hourly telemetry, failure / maintenance / error logs, attributes.
 *   - NASA C-MAPSS FD001 (Cmapss.load): 100 run-to-failure training engines, 100 truncated test engines and
 *     their true remaining useful life (RUL).
 * Telemetry sources are streamed: each forEach re-reads the file, and the values array is reused per reading.
 *
 * Run from the repository root after `./mvnw -q -B -DskipTests package -pl cli -am`:
 *   java -cp "cli/target/prognos.jar:cli/target/lib/*" notebooks-data/walkthroughs/W1_LookAtTheData.java
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.io.Cmapss;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

public class W1_LookAtTheData {
    public static void main(String[] args) throws Exception {
        Path data = notebooksData();

        System.out.println("== Azure PdM (notebooks-data/azure-pdm) ==");
        Dataset azure = AzurePdm.load(data.resolve("azure-pdm"));
        List<String> channels = azure.telemetry().channels();
        DescriptiveStatistics[] stats = statistics(channels.size());
        TreeSet<String> machines = new TreeSet<>(FeatureTable.ASSET_ORDER);
        long[] rows = {0}, range = {Long.MAX_VALUE, Long.MIN_VALUE};
        List<String> machine1 = new ArrayList<>();
        azure.telemetry().forEach((asset, time, values) -> {
            rows[0]++;
            machines.add(asset);
            range[0] = Math.min(range[0], time);
            range[1] = Math.max(range[1], time);
            for (int c = 0; c < values.length; c++) {
                stats[c].addValue(values[c]);
            }
            if (asset.equals("1") && machine1.size() < 5) {
                machine1.add(String.format(Locale.ROOT, "  %s  %8.2f %8.2f %8.2f %8.2f", azure.axis().format(time),
                        values[0], values[1], values[2], values[3]));
            }
        });
        System.out.printf(Locale.ROOT, "%d readings of %d machines (%s .. %s), channels %s%n", rows[0], machines.size(),
                machines.first(), machines.last(), channels);
        System.out.println("time range: " + azure.axis().format(range[0]) + " .. " + azure.axis().format(range[1]) + " UTC");
        for (EventKind kind : EventKind.values()) {
            List<Event> all = azure.events().all().stream().filter(e -> e.kind() == kind).toList();
            System.out.printf(Locale.ROOT, "%-11s %4d events, by code %s; %d inside the telemetry period%n",
                    kind.name().toLowerCase(Locale.ROOT), all.size(), countByCode(all),
                    all.stream().filter(e -> e.time() >= range[0] && e.time() <= range[1]).count());
        }
        System.out.println("failures per component in the telemetry period: " + countByCode(azure.events().all().stream()
                .filter(e -> e.kind() == EventKind.FAILURE && e.time() >= range[0] && e.time() <= range[1]).toList()));
        System.out.println("attributes of machine 1: " + new TreeMap<>(azure.attributes().of("1")));
        System.out.println("first readings of machine 1:");
        System.out.printf(Locale.ROOT, "  %-19s  %8s %8s %8s %8s%n", "time", "volt", "rotate", "pressure", "vibration");
        machine1.forEach(System.out::println);
        printStatistics(channels, stats);

        System.out.println();
        System.out.println("== C-MAPSS FD001 (notebooks-data/cmapss) ==");
        Cmapss fd001 = Cmapss.load(data.resolve("cmapss"), "FD001");
        List<String> cmChannels = fd001.train().telemetry().channels();
        DescriptiveStatistics[] cmStats = statistics(cmChannels.size());
        Map<String, Long> lifetimes = new TreeMap<>();
        long[] trainRows = {0};
        fd001.train().telemetry().forEach((unit, cycle, values) -> {
            trainRows[0]++;
            lifetimes.merge(unit, 1L, Long::sum);
            for (int c = 0; c < values.length; c++) {
                cmStats[c].addValue(values[c]);
            }
        });
        DescriptiveStatistics life = new DescriptiveStatistics();
        lifetimes.values().forEach(life::addValue);
        long[] testRows = {0};
        fd001.test().telemetry().forEach((unit, cycle, values) -> testRows[0]++);
        DescriptiveStatistics rul = new DescriptiveStatistics();
        fd001.testRul().forEach(rul::addValue);
        System.out.printf(Locale.ROOT, "train: %d readings of %d engines, each run to failure; %d channels: %s .. %s%n",
                trainRows[0], lifetimes.size(), cmChannels.size(), cmChannels.get(0), cmChannels.get(cmChannels.size() - 1));
        System.out.printf(Locale.ROOT, "train lifetimes (cycles): min %.0f, median %.0f, mean %.1f, max %.0f%n",
                life.getMin(), life.getPercentile(50), life.getMean(), life.getMax());
        System.out.printf(Locale.ROOT, "test: %d readings of %d engines, cut before failure; true RUL at the cut: min %.0f, "
                + "median %.0f, max %.0f%n", testRows[0], fd001.testRul().size(), rul.getMin(), rul.getPercentile(50), rul.getMax());
        System.out.println("failure events: one per engine (" + fd001.train().events().size() + " train, "
                + fd001.test().events().size() + " test, at last cycle + true RUL)");
        printStatistics(cmChannels, cmStats);
        System.out.println("(a channel whose std prints as 0.0000 is constant in FD001: it carries no information)");
    }

    static DescriptiveStatistics[] statistics(int n) {
        return Stream.generate(DescriptiveStatistics::new).limit(n).toArray(DescriptiveStatistics[]::new);
    }

    static Map<String, Long> countByCode(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::code, TreeMap::new, Collectors.counting()));
    }

    static void printStatistics(List<String> channels, DescriptiveStatistics[] stats) {
        System.out.printf(Locale.ROOT, "%-13s %7s %11s %10s %11s %11s %11s%n", "channel", "n", "mean", "std", "min", "median", "max");
        for (int c = 0; c < channels.size(); c++) {
            DescriptiveStatistics s = stats[c];
            System.out.printf(Locale.ROOT, "%-13s %7d %11.4f %10.4f %11.4f %11.4f %11.4f%n", channels.get(c), s.getN(), s.getMean(),
                    s.getStandardDeviation(), s.getMin(), s.getPercentile(50), s.getMax());
        }
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
