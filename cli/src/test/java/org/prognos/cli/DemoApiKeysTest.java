package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;

class DemoApiKeysTest {
    @TempDir
    Path tmp;

    /** The file as a shell's {@code set -a; . FILE} would export it: KEY=VALUE lines, comments skipped. */
    private static Map<String, String> sourced(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void the_demo_key_file_sourced_gives_serve_its_keys_and_curl_its_variables() throws Exception {
        DemoApiKeys keys = new DemoApiKeys("score-0123456789abcdef", "admin-0123456789abcdef");
        Path file = tmp.resolve("api-keys.env");
        keys.write(file);
        Map<String, String> env = sourced(file);
        ApiKeys served = ApiKeys.load(ServiceConfig.defaults().auth(), env);   // what 'prognos serve' reads
        assertEquals(Optional.of(Role.SCORE), served.roleOf(keys.score()));
        assertEquals(Optional.of(Role.ADMIN), served.roleOf(keys.admin()));
        assertEquals(2, served.size());
        assertEquals(keys.score(), env.get("SCORE_KEY"));
        assertEquals(keys.admin(), env.get("ADMIN_KEY"));
        assertEquals(keys.serviceEnvironment(), Map.of("PROGNOS_API_KEYS", env.get("PROGNOS_API_KEYS")),
                "the demo's own service runs on exactly the keys the file gives serve");
        assertTrue(Files.readString(file).contains("prognos serve --registry " + tmp.resolve("registry")), Files.readString(file));
        assertTrue(Files.readString(file).contains(" --data-dir " + tmp.resolve("state") + "\n"),
                "the demo's state, without which the served fleet is empty: " + Files.readString(file));
    }
}
