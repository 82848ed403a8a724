package org.prognos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The launcher's one logging backend: Logback behind SLF4J, configured by {@code logback.xml} (one concise line per
 * message on standard error: {@code HH:mm:ss LEVEL logger message}). Libraries that log through java.util.logging
 * (Tribuo, OLCUT) are routed into SLF4J here; the service's {@code System.Logger} calls arrive through
 * slf4j-jdk-platform-logging. {@code --verbose} and {@code --quiet} move two levels: Prognos's own loggers and
 * everyone else's.
 */
final class CliLogging {
    private static final String OURS = "org.prognos";

    private CliLogging() {
    }

    /** How much the launcher logs, from {@code --quiet} and {@code --verbose}. */
    enum Verbosity {
        /** Errors only. */
        QUIET(Level.ERROR, Level.ERROR),
        /** Our INFO and up, others' warnings (logback.xml's levels). */
        NORMAL(Level.INFO, Level.WARN),
        /** Our DEBUG and up, others' INFO: Jetty's, Javalin's, ND4J's start-up lines included. */
        VERBOSE(Level.DEBUG, Level.INFO);

        final Level ours;
        final Level others;

        Verbosity(Level ours, Level others) {
            this.ours = ours;
            this.others = others;
        }
    }

    /** Routes java.util.logging into SLF4J, once per JVM. */
    static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Sets the levels of {@code v}; NORMAL leaves the configuration file's levels as they are. */
    static void apply(Verbosity v) {
        if (v != Verbosity.NORMAL && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(OURS).setLevel(v.ours);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(v.others);
        }
    }
}
