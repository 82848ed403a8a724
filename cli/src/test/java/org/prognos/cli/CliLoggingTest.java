package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The launcher's logging: the levels and format of its real {@code logback.xml} (read from the sources, since the
 * tests' own configuration keeps them quiet), and what {@code --quiet} and {@code --verbose} change.
 */
class CliLoggingTest {
    @TempDir
    Path tmp;

    private static LoggerContext launcherConfiguration() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        return context;
    }

    @Test
    void the_launcher_shows_our_info_and_only_warnings_of_jetty_javalin_and_the_ml_libraries() throws Exception {
        LoggerContext c = launcherConfiguration();
        assertTrue(c.getLogger("org.prognos.inference.server.Server").isInfoEnabled());
        for (String noisy : new String[] {"org.eclipse.jetty.server.Server", "io.javalin.Javalin", "org.nd4j.linalg.factory.Nd4jBackend",
            "org.tribuo.common.sgd.AbstractSGDTrainer", "io.moquette.broker.Server", "io.netty.util.internal.PlatformDependent"}) {
            assertFalse(c.getLogger(noisy).isInfoEnabled(), noisy + " INFO lines (Javalin's start-up and version nag among them)");
            assertTrue(c.getLogger(noisy).isEnabledFor(Level.WARN), noisy + " warnings still show");
        }
        c.stop();
    }

    @Test
    void the_launcher_logs_one_short_line_per_message_to_standard_error() throws Exception {
        LoggerContext c = launcherConfiguration();
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) c.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertEquals("System.err", appender.getTarget());
        var encoder = (ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder();
        assertEquals("%d{HH:mm:ss} %-5level %logger{0} %msg%n", encoder.getPattern());
        c.stop();
    }

    @Test
    void quiet_leaves_errors_only_and_verbose_shows_libraries_info() {
        LoggerContext c = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger ours = c.getLogger("org.prognos");
        Logger root = c.getLogger(Logger.ROOT_LOGGER_NAME);
        Level oursBefore = ours.getLevel();
        Level rootBefore = root.getLevel();
        try {
            assertEquals(0, run("--quiet", "synth", "--out", tmp.resolve("a").toString(), "--assets", "1", "--hours", "2"));
            assertEquals(Level.ERROR, ours.getLevel());
            assertEquals(Level.ERROR, root.getLevel());
            assertFalse(Progress.drawn(), "no progress bar when quiet");
            assertEquals(0, run("synth", "--verbose", "--out", tmp.resolve("b").toString(), "--assets", "1", "--hours", "2"));
            assertEquals(Level.DEBUG, ours.getLevel());
            assertEquals(Level.INFO, root.getLevel());
        } finally {
            ours.setLevel(oursBefore);
            root.setLevel(rootBefore);
        }
    }

    @Test
    void no_progress_bar_is_drawn_without_a_terminal() {
        assumeTrue(System.console() == null, "the test JVM has no terminal (surefire's never has)");
        assertFalse(Progress.drawn(), "a redirected or piped standard error gets no bar");
    }

    private static int run(String... args) {
        return Prognos.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }
}
