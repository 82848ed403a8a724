package org.prognos.inference.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Chromium headless on a local page (Debian's {@code chromium}; {@code .ci/run} installs it when missing):
 * dumps the DOM after load and, when asked, takes a screenshot. Chromium's own log goes to stderr with
 * {@code --enable-logging=stderr --v=0}, where every console message of the page appears as
 * {@code INFO:CONSOLE... "message", source: URL (line)} and an uncaught exception as {@code "Uncaught ..."}.
 */
public final class HeadlessChromium {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** What one run printed. */
    public record Run(String dom, String log) {
        /** Lines of Chromium's log that carry a console message or an uncaught error of the page. */
        public List<String> consoleMessages() {
            return log.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser named by {@code PROGNOS_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<HeadlessChromium> find() {
        String explicit = System.getenv("PROGNOS_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            if (!Files.isExecutable(Path.of(explicit))) {
                throw new IllegalStateException("PROGNOS_CHROMIUM=" + explicit + " is not an executable file");
            }
            return Optional.of(new HeadlessChromium(Path.of(explicit)));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new HeadlessChromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** The browser; fails where {@code CI} is set when there is none, else skips the test saying why. */
    public static HeadlessChromium required() {
        Optional<HeadlessChromium> found = find();
        if (found.isEmpty()) {
            String why = "no chromium on the PATH (apt-get install -y chromium, or set PROGNOS_CHROMIUM)";
            if (System.getenv("CI") != null) {
                Assertions.fail(why + "; required in CI");
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
        return found.get();
    }

    /**
     * Loads {@code page}, dumps its DOM and, when {@code screenshot} is present, writes a PNG of the given window
     * size there. {@code work} holds the throwaway profile and the captured output.
     */
    public Run open(Path page, Optional<Path> screenshot, int width, int height, Path work) throws IOException, InterruptedException {
        return open(page.toAbsolutePath().toUri(), screenshot, width, height, work, Optional.empty());
    }

    /**
     * Loads {@code page} (a file or an http URL) as above; with {@code scriptTime}, Chromium runs the page's timers and
     * waits for its requests for up to that much virtual time before it dumps the DOM, so that a page that renders
     * itself from a fetched document (Swagger UI) is dumped rendered.
     */
    public Run open(URI page, Optional<Path> screenshot, int width, int height, Path work, Optional<Duration> scriptTime)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "profile");
        Path out = work.resolve("dom.html");
        Path err = work.resolve("chromium.log");
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height, "--dump-dom"));
        screenshot.ifPresent(s -> cmd.add("--screenshot=" + s.toAbsolutePath()));
        scriptTime.ifPresent(t -> cmd.add("--virtual-time-budget=" + t.toMillis()));
        cmd.add(page.toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("chromium did not finish within " + TIMEOUT + " on " + page + "; log: " + err);
        }
        String log = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + " on " + page + ":\n" + log);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), log);
    }

    /** The browser's executable. */
    public Path executable() {
        return executable;
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
