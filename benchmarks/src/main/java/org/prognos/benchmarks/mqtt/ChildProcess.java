package org.prognos.benchmarks.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (the broker, the system under test), its output in a log file. Stopped by its own PID
 * only: SIGTERM, then SIGKILL after 30 s. Its CPU time and memory are read from {@code /proc}.
 */
public final class ChildProcess implements AutoCloseable {
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with {@code env} added to this process' environment, stdout and stderr into {@code log}. */
    public static ChildProcess start(List<String> command, Path log, Map<String, String> env) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        try {
            return new ChildProcess(b.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /**
     * Waits until the log holds a line containing {@code marker}.
     *
     * @throws IllegalStateException when the process exits first or {@code timeout} passes (with the log's tail)
     */
    public void awaitLine(String marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().contains(marker)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(command() + " exited with " + process.exitValue() + " before '" + marker
                        + "': " + tail());
            }
            sleep(50);
        }
        throw new IllegalStateException(command() + " did not print '" + marker + "' within " + timeout.toSeconds() + " s: "
                + tail());
    }

    /** Its PID. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** CPU time used so far, user and system, in seconds (0 once it has exited). */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** A {@code /proc/PID/status} size in MB ({@code VmRSS}, {@code VmHWM}), if readable. */
    public Optional<Double> memoryMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The log so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The log's last 2,000 characters. */
    public String tail() {
        String t = logText();
        return t.length() <= 2000 ? t : "…" + t.substring(t.length() - 2000);
    }

    /** Its log file. */
    public Path log() {
        return log;
    }

    /** SIGTERM, waiting up to 30 s, then SIGKILL; the exit code (-1 if it would not die). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String command() {
        return process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process " + pid());
    }

    /** Sleeps, keeping the interrupt. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
