package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrognosCliTest {
    @TempDir
    Path tmp;


    @Test
    void every_command_has_help() {
        for (List<String> cmd : List.<List<String>>of(List.of(), List.of("features"), List.of("synth"), List.of("nab"), List.of("serve"), List.of("simulate"),
                List.of("keys", "generate"), List.of("models", "sign"))) {
            String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            CliRun r = run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Usage: prognos"), r.out());
        }
    }

    @Test
    void serve_without_a_registry_ends_with_one_clear_message() {
        CliRun r = run("serve", "--registry", tmp.resolve("nowhere").toString(), "--port", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos serve: no model registry at "), r.err());
    }

    @Test
    void serve_without_keys_on_every_interface_is_refused_unless_insecure() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path config = Files.writeString(tmp.resolve("service.yaml"), "auth: {enabled: false}\n");
        CliRun r = run("serve", "--registry", registry.toString(), "--config", config.toString(), "--host", "0.0.0.0", "--port", "0",
                "--memory-state");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos serve: refusing to serve without API keys (auth.enabled: false) on 0.0.0.0"), r.err());
        assertTrue(r.err().contains("--insecure"), r.err());
        CliRun insecure = run("serve", "--registry", registry.toString(), "--config", config.toString(), "--host", "0.0.0.0", "--port", "0",
                "--memory-state", "--insecure");
        assertTrue(!insecure.err().contains("refusing to serve without API keys"), "--insecure lets it through to the registry: " + insecure.err());
    }

    /** The README's main command, as written there (output path moved to a temp dir). */
    @Test
    void readme_main_command_extracts_the_azure_guide_features() throws Exception {
        Path out = tmp.resolve("azure-features.csv");
        CliRun r = run("features", "--spec", "../notebooks-data/specs/azure-guide.json", "--data", "../notebooks-data/azure-pdm",
                "--out", out.toString(), "--labels", "failure:24h:comp1,comp2,comp3,comp4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("51170 rows x 30 features from 155050 readings of 70 assets"), r.out());
        assertTrue(r.out().contains("labels [none, comp1, comp2, comp3, comp4]: 50610 rows kept, 560 censored rows dropped"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(50_611, lines.size());
        assertTrue(lines.get(0).startsWith("asset,time,volt_mean_3h,volt_std_3h"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",label"), lines.get(0));
    }

    @Test
    void a_bad_spec_ends_with_one_clear_message() throws Exception {
        Path spec = tmp.resolve("bad.json");
        Files.writeString(spec, "{\"name\": \"x\", \"time\": {\"axis\": \"cycles\"}, \"channels\": [\"a\"], \"emit\": {\"everySamples\": 1},"
                + " \"windows\": {}, \"features\": [{\"type\": \"window\", \"stats\": [\"mean\"], \"window\": \"w9\"}]}");
        CliRun r = run("features", "--spec", spec.toString(), "--data", "../notebooks-data/azure-pdm", "--out", tmp.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown window 'w9'"), r.err());
    }

    @Test
    void synth_writes_a_fleet_that_features_can_read() {
        Path fleet = tmp.resolve("fleet");
        CliRun s = run("synth", "--out", fleet.toString(), "--assets", "5", "--hours", "300", "--seed", "1");
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(fleet.resolve("dataset.json")));
        CliRun f = run("features", "--spec", "../notebooks-data/specs/network-fleet.json", "--data", fleet.toString(),
                "--out", tmp.resolve("f.csv").toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("from 1500 readings of 5 assets"), f.out());
    }
}
