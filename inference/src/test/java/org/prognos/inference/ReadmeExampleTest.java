package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;

/** The request examples of inference/README.md, posted to a real server, are answered with 200. */
class ReadmeExampleTest {
    static final Pattern EXAMPLE = Pattern.compile("<!-- example: (POST|GET) (\\S+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void readme_requests_are_answered() throws IOException {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry);
        String readme = Files.readString(Path.of("README.md"));
        try (Server server = TestServers.start(dir.resolve("registry"))) {
            Http http = new Http(server.port());
            Matcher m = EXAMPLE.matcher(readme);
            int n = 0;
            while (m.find()) {
                Http.Response r = http.postRaw(m.group(2), m.group(3));
                assertEquals(200, r.status(), m.group(2) + ": " + r.body());
                n++;
            }
            assertEquals(2, n, "examples found in README.md");
            assertTrue(http.get("/v1/assets/machine-55/score").json().at("/risk/band").isTextual());
        }
    }
}
