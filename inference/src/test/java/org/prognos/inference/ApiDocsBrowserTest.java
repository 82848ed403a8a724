package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.report.HeadlessChromium;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * {@code /docs} in real headless Chromium, served by a real service with API keys on: Swagger UI renders every route
 * of the service as an operation, offers "Authorize", and the page logs nothing to the console (a CSP refusal, a
 * failed fetch of {@code /openapi.json} or a script error would). The screenshot is kept at
 * {@code target/docs-browser/docs.png}. Chromium is required where {@code CI} is set; elsewhere the test is skipped,
 * saying so, when no Chromium is found.
 */
class ApiDocsBrowserTest {
    static final Path OUT = Path.of("target", "docs-browser");
    /** Virtual time the page gets to fetch the document and render; it renders in well under a second. */
    static final Duration RENDER_TIME = Duration.ofSeconds(20);
    static final Pattern OPERATION = Pattern.compile(
            "class=\"opblock opblock-(get|post|put|delete)[^\"]*\".*?class=\"opblock-summary-path\" data-path=\"([^\"]+)\"", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void docs_render_every_route_as_an_operation_with_authorize_and_no_console_messages() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.required();
        TestModels.pumpRegistry(dir.resolve("registry"));
        Path shot = OUT.resolve("docs.png");
        Files.createDirectories(OUT);
        Files.deleteIfExists(shot);
        HeadlessChromium.Run run;
        try (Server server = TestServers.start(dir.resolve("registry"))) {
            run = chromium.open(URI.create("http://127.0.0.1:" + server.port() + "/docs"), Optional.of(shot), 1280, 2400,
                    dir.resolve("chromium"), Optional.of(RENDER_TIME));
        }
        Files.writeString(OUT.resolve("docs.dom.html"), run.dom());
        assertEquals(List.of(), run.consoleMessages(), "console messages of /docs");
        String dom = run.dom();
        assertTrue(dom.contains("data-api-rendered=\"true\""), "Swagger UI finished rendering");
        List<String> rendered = new ArrayList<>();
        Matcher m = OPERATION.matcher(dom);
        while (m.find()) {
            rendered.add(m.group(1).toUpperCase(Locale.ROOT) + " " + m.group(2));
        }
        assertEquals(App.ROUTES.stream().sorted().toList(), rendered.stream().sorted().toList(), "operations on the page");
        assertTrue(dom.contains("class=\"btn authorize"), "the Authorize button");
        assertTrue(dom.contains("id=\"problem-invalid-request\""), "the problem types");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertTrue(image != null && image.getWidth() == 1280, "screenshot written");
    }
}
