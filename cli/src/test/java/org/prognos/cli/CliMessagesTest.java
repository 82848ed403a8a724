package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.cli.CliRun.run;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.score.ScoreFixtures;

/**
 * What a newcomer reads when something is wrong: each case runs the real command in-process with captured standard
 * output and error, and checks the one line it ends with.
 */
class CliMessagesTest {
    /** The bundled Azure job, a valid config (the tests here change one line of it). */
    private static final Path AZURE_JOB = Path.of("../notebooks-data/jobs/azure-24h-xgboost.yaml");

    @TempDir
    Path tmp;


    /** The Azure job with {@code from} replaced by {@code to}, written to {@code dir/name}. */
    private static Path azureJobWith(Path dir, String name, String from, String to) throws Exception {
        String job = Files.readString(AZURE_JOB);
        assertTrue(job.contains(from), from);
        return Files.writeString(Files.createDirectories(dir).resolve(name), job.replace(from, to));
    }

    @Test
    void a_misspelt_option_is_called_unknown_with_the_option_meant() {
        CliRun r = run("train", "--conifg", "job.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos train: unknown option --conifg; did you mean --config?\n"), r.err());
        assertFalse(r.err().contains("Missing required option"), r.err());
        assertTrue(r.err().contains("Try 'prognos train --help'"), r.err());
    }

    @Test
    void an_unknown_option_far_from_every_option_suggests_none() {
        CliRun r = run("features", "--zzzzzzzz");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos features: unknown option --zzzzzzzz\n"), r.err());
    }

    @Test
    void a_missing_job_config_names_its_absolute_path() {
        CliRun r = run("train", "--config", "no/such/job.yaml");
        assertEquals(2, r.code());
        assertEquals("prognos train: job config not found: " + Path.of("no/such/job.yaml").toAbsolutePath(), r.err().strip());
    }

    @Test
    void a_missing_key_file_names_its_absolute_path() {
        CliRun r = run("train", "--config", AZURE_JOB.toString(), "--sign-key", "keys/nobody.key");
        assertEquals(2, r.code());
        assertEquals("prognos train: key file not found: " + Path.of("keys/nobody.key").toAbsolutePath(), r.err().strip());
    }

    @Test
    void a_job_reads_its_data_relative_to_the_config_file_and_names_missing_data_absolute() throws Exception {
        Path job = azureJobWith(tmp.resolve("jobs"), "job.yaml", "train: ../azure-pdm", "train: ../no-data");
        CliRun r = run("train", "--config", job.toString());
        assertEquals(2, r.code());
        assertEquals("prognos train: data not found: " + tmp.resolve("no-data").toAbsolutePath(), r.err().strip());
    }

    @Test
    void a_misspelt_job_key_names_line_column_valid_keys_and_the_key_meant() throws Exception {
        Path job = azureJobWith(tmp, "job.yaml", "  horizon: 24h", "  horizion: 24h");
        CliRun r = run("train", "--config", job.toString());
        assertEquals(2, r.code());
        assertEquals("prognos train: " + job.toAbsolutePath() + ": line 11, column 3: unknown key 'horizion' in 'task';"
                + " did you mean 'horizon'? valid keys: calibration, cap, censoring, components, detector, falseAlarmRate,"
                + " horizon, interval, normal, scaling, scoring, threshold, type, unit", r.err().strip());
    }

    @Test
    void a_job_key_at_the_wrong_level_names_the_key_meant() throws Exception {
        Path job = azureJobWith(tmp, "job.yaml", "costs:\n", "cost:\n");
        CliRun r = run("train", "--config", job.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos train: " + job.toAbsolutePath() + ": line 23, column 1: unknown key 'cost' at the"
                + " top level; did you mean 'costs'? valid keys: costs, data, evaluation, model,"), r.err());
        assertFalse(r.err().contains("org.prognos"), "no Java class: " + r.err());
    }

    @Test
    void a_misspelt_service_config_key_names_the_key_meant() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path config = Files.writeString(tmp.resolve("service.yaml"), "port: 7070\nstate:\n  dataDri: here\n");
        CliRun r = run("serve", "--registry", registry.toString(), "--config", config.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos serve: " + config.toAbsolutePath() + ": line 3, column 3: unknown key 'dataDri'"
                + " in 'state'; did you mean 'dataDir'? valid keys: "), r.err());
    }

    @Test
    void a_missing_service_config_names_its_absolute_path() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        CliRun r = run("serve", "--registry", registry.toString(), "--config", "no/service.yaml");
        assertEquals(2, r.code());
        assertEquals("prognos serve: service config not found: " + Path.of("no/service.yaml").toAbsolutePath(), r.err().strip());
    }

    @Test
    void a_port_in_use_is_named_with_the_option_that_picks_another() throws Exception {
        Path registry = ScoreFixtures.registry();   // the port opens once the models are loaded
        Path config = Files.writeString(tmp.resolve("service.yaml"), "auth: {enabled: false}\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun r = run("serve", "--registry", registry.toString(), "--config", config.toString(), "--port", Integer.toString(port),
                    "--memory-state");
            assertEquals(2, r.code());
            assertEquals("prognos serve: port " + port + " is already in use; choose another with --port", r.err().strip());
        }
    }

    @Test
    void models_show_errors_name_the_whole_command() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        CliRun r = run("models", "show", "--registry", registry.toString(), "pump@production");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos models show: "), r.err());
    }

    @Test
    void synth_prints_a_summary_not_a_java_record() {
        CliRun r = run("synth", "--out", tmp.resolve("fleet").toString(), "--assets", "3", "--hours", "48", "--seed", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote 3 assets (SYNTHETIC) to " + tmp.resolve("fleet").toAbsolutePath() + " in "), r.out());
        assertTrue(r.out().contains(": 144 telemetry rows, "), r.out());
        assertFalse(r.out().contains("WriteSummary") || r.out().contains("[") || r.out().contains("PT"), r.out());
    }

    @Test
    void quiet_and_verbose_together_are_refused() {
        CliRun r = run("--quiet", "synth", "--verbose", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos: --quiet and --verbose cannot be used together"), r.err());
    }
}
