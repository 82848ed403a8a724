package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.score.ScoreFixtures;
import org.prognos.inference.AuthConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.server.Server;

/** What {@code prognos serve} prints once it listens: one line of ours, on a real server on a free port. */
class ServeLineTest {
    @TempDir
    Path tmp;

    @Test
    void serve_prints_one_line_saying_where_it_serves_and_what_an_operator_checks_first() throws Exception {
        ServiceConfig c = ServiceConfig.defaults().withPort(0).withAuth(AuthConfig.disabled())
                .withState(StateConfig.defaults().withDataDir(tmp.resolve("state").toString()));
        try (Server server = Server.start(ScoreFixtures.registry(), c, Map.of())) {
            String line = ServeCommand.servingLine(c, server);
            assertTrue(line.startsWith("serving ["), line);
            assertTrue(line.contains(ScoreFixtures.RUL) && line.contains(ScoreFixtures.FLEET), line);
            assertTrue(line.contains("] on http://127.0.0.1:" + server.port() + " (started in "), line);
            assertTrue(line.contains("; state in " + tmp.resolve("state").toAbsolutePath() + ", 0 assets recovered;"), line);
            assertTrue(line.endsWith("; bundle signatures NOT checked; Ctrl-C stops)"), line);
            assertFalse(line.contains("\n"), line);
        }
    }
}
