package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The Azure guide spec in notebooks-data/specs, run on the bundled Azure data, reproduces the peer
 * pipeline's clean feature table (golden slice: machines 1, 2 and 70) to 1e-6. Set
 * {@code -Dprognos.azure.peerTable=F.csv} to compare against the whole table the peer writes.
 */
class AzureGuideParityTest {
    static final double TOLERANCE = 1e-6;
    static final Path DATA = Path.of("../notebooks-data/azure-pdm");
    static final Path SPEC = Path.of("../notebooks-data/specs/azure-guide.json");
    static FeatureTable ours;
    static FeatureExtractor ex;

    @BeforeAll
    static void extract() throws IOException {
        FeatureSpec spec = SpecJson.read(SPEC);
        ex = new FeatureExtractor(spec);
        Dataset data = AzurePdm.load(DATA);
        ours = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 2, n -> { }).run(data, ours);
    }

    /** Peer column name → ours. */
    static String ourName(String peer) {
        for (String f : List.of("volt", "rotate", "pressure", "vibration")) {
            for (String w : List.of("3h", "24h")) {
                if (peer.equals(f + "mean_" + w)) {
                    return f + "_mean_" + w;
                }
                if (peer.equals(f + "sd_" + w)) {
                    return f + "_std_" + w;
                }
            }
        }
        if (peer.matches("error\\dcount")) {
            return peer.replace("count", "_count_24h");
        }
        if (peer.matches("comp\\d")) {
            return "since_maint_" + peer;
        }
        return peer;
    }

    @Test
    void spec_produces_the_guides_columns() {
        assertEquals(30, ex.columns().size(), ex.columns().toString());
    }

    @Test
    void features_match_the_peer_table_to_1e6() throws IOException {
        Path full = System.getProperty("prognos.azure.peerTable") == null ? null : Path.of(System.getProperty("prognos.azure.peerTable"));
        Map<String, double[]> byKey = new HashMap<>();
        TimeAxis axis = TimeAxis.Timestamps.utc();
        for (int i = 0; i < ours.size(); i++) {
            byKey.put(ours.asset(i) + "@" + axis.format(ours.time(i)), ours.row(i));
        }
        int compared = 0;
        double worst = 0;
        java.util.Set<String> peerMachines = new java.util.HashSet<>();
        try (BufferedReader r = full != null ? Files.newBufferedReader(full)
                : new BufferedReader(new InputStreamReader(new GZIPInputStream(
                        getClass().getResourceAsStream("/golden/azure_peer_features_slice.csv.gz")), StandardCharsets.UTF_8))) {
            String line;
            String[] header = null;
            int[] col = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = cells;
                    col = new int[header.length];
                    for (int c = 2; c < header.length; c++) {
                        col[c] = ex.columns().indexOf(ourName(header[c]));
                        assertTrue(col[c] >= 0, "no column for peer's " + header[c]);
                    }
                    continue;
                }
                peerMachines.add(cells[0]);
                double[] row = byKey.get(cells[0] + "@" + cells[1]);
                assertTrue(row != null, "the peer has a row we do not: machine " + cells[0] + " at " + cells[1]);
                for (int c = 2; c < cells.length; c++) {
                    double expected = Double.parseDouble(cells[c]);
                    double actual = row[col[c]];
                    double err = Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
                    worst = Math.max(worst, err);
                    assertTrue(err <= TOLERANCE, header[c] + " of machine " + cells[0] + " at " + cells[1]
                            + ": peer " + expected + ", ours " + actual);
                }
                compared++;
            }
        }
        long oursForThoseMachines = java.util.stream.IntStream.range(0, ours.size())
                .filter(i -> peerMachines.contains(ours.asset(i))).count();
        assertEquals(compared, oursForThoseMachines, "we emit rows the peer does not");
        assertTrue(compared >= 2193, "compared " + compared + " rows");
        assertTrue(worst <= TOLERANCE);
    }

    @Test
    void every_machine_gets_a_row_every_3_hours_after_its_first_day() {
        assertEquals(51_170, ours.size());
        assertEquals(70, ours.assetOrder().size());
    }
}
