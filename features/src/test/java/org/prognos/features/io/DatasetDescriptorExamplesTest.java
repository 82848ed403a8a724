package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventKind;

/**
 * The {@code json} examples of "Describing your data: dataset.json" in features/README.md, taken from the markdown
 * itself (so the documentation cannot drift from the code) and read as descriptors: the wide and long ones on small
 * synthetic files with their columns, the event one on the bundled Azure PdM files, the tabular one on AI4I 2020.
 */
class DatasetDescriptorExamplesTest {
    private static final String SECTION = "Describing your data: dataset.json";
    private static List<String> examples;

    @BeforeAll
    static void readTheReadme() throws IOException {
        examples = jsonBlocks(Files.readString(Path.of("README.md")), SECTION);
    }

    @Test
    void the_section_shows_wide_long_event_and_tabular_examples() {
        assertEquals(4, examples.size(), "json examples under '" + SECTION + "'");
    }

    @Test
    void wide_example_reads_its_columns(@TempDir Path dir) throws IOException {
        DatasetConfig c = example(0, dir);
        assertEquals("wide", c.telemetry().format());
        assertEquals(DatasetConfig.SERIES, c.layout());
        assertEquals(ReadPolicy.defaults(), c.policy());
        // synthetic: two readings in the example's columns
        Recorded.gzip(dir.resolve("telemetry.csv.gz"), "# synthetic CMTS telemetry\nasset,time,temperature,snr_db\n"
                + "cmts-01,2024-03-01 00:00:00,41.5,36.2\ncmts-01,2024-03-01 01:00:00,42.0,35.9\n");

        List<Recorded> r = Recorded.all(c.open(dir).telemetry());
        assertEquals(2, r.size());
        assertArrayEquals(new double[] {42.0, 35.9}, r.get(1).values());
    }

    @Test
    void long_example_finds_its_channels_in_order_of_appearance(@TempDir Path dir) throws IOException {
        DatasetConfig c = example(1, dir);
        assertEquals("long", c.telemetry().format());
        // synthetic: one pump, two readings of two sensors
        Recorded.write(dir.resolve("readings.csv"), "# synthetic pump sensors\npump,ts,sensor,reading\n"
                + "p1,2024-03-01 00:00:00,pressure,3.2\np1,2024-03-01 00:00:00,flow,11\n"
                + "p1,2024-03-01 00:10:00,pressure,3.1\np1,2024-03-01 00:10:00,flow,12\n");

        Dataset d = c.open(dir);
        assertEquals(List.of("pressure", "flow"), d.telemetry().channels());
        List<Recorded> r = Recorded.all(d.telemetry());
        assertEquals(2, r.size());
        assertArrayEquals(new double[] {3.1, 12}, r.get(1).values());
    }

    @Test
    void event_example_reads_the_bundled_azure_files_as_azure_pdm_load_does() throws IOException {
        DatasetConfig c = DatasetConfig.read(write(examples.get(2), Files.createTempDirectory("descriptor")));
        assertEquals(ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.FAIL), c.policy());
        Path azureDir = Recorded.bundled("azure-pdm");

        Dataset described = c.open(azureDir);
        Dataset loaded = AzurePdm.load(azureDir);
        assertEquals(loaded.telemetry().channels(), described.telemetry().channels());
        assertEquals(Recorded.all(loaded.telemetry()).size(), Recorded.all(described.telemetry()).size());
        for (EventKind kind : EventKind.values()) {
            assertEquals(count(loaded, kind), count(described, kind), kind.name());
        }
        assertTrue(count(described, EventKind.MAINTENANCE) > 0);
        assertEquals(loaded.attributes(), described.attributes());
    }

    @Test
    void tabular_example_is_the_bundled_ai4i_descriptor() throws IOException {
        DatasetConfig shown = DatasetConfig.read(write(examples.get(3), Files.createTempDirectory("descriptor")));
        DatasetConfig bundled = DatasetConfig.read(Recorded.bundled("ai4i2020", "dataset.json"));
        assertEquals(bundled, shown);
        assertEquals(DatasetConfig.TABULAR, shown.layout());

        Dataset d = shown.open(Recorded.bundled("ai4i2020"));
        assertEquals(10_000, Recorded.all(d.telemetry()).size());
    }

    private static long count(Dataset d, EventKind kind) throws IOException {
        long[] n = {0};
        d.attributes().assets().forEach(a -> n[0] += d.events().of(a).stream().filter(e -> e.kind() == kind).count());
        return n[0];
    }

    private static DatasetConfig example(int i, Path dir) throws IOException {
        return DatasetConfig.read(write(examples.get(i), dir));
    }

    private static Path write(String json, Path dir) throws IOException {
        return Files.writeString(dir.resolve("dataset.json"), json);
    }

    /** The literal of every fenced {@code json} block under the level-3 heading {@code title}, in order. */
    static List<String> jsonBlocks(String markdown, String title) {
        List<String> out = new ArrayList<>();
        String[] heading = {""};
        Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading h) {
                if (h.getLevel() <= 3) {
                    heading[0] = textOf(h);
                }
            }

            @Override
            public void visit(FencedCodeBlock block) {
                if (heading[0].equals(title) && block.getInfo().equals("json")) {
                    out.add(block.getLiteral());
                }
            }
        });
        return out;
    }

    private static String textOf(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                sb.append(t.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code c) {
                sb.append(c.getLiteral());
            }
        });
        return sb.toString();
    }
}
