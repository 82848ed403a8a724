package org.prognos.inference;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines one class's logger writes at {@code level} or above while this is open, formatted as the log shows them
 * (the test logging config keeps loggers at SEVERE, so this lowers the logger's level and restores it on close). The
 * service logs through {@link System.Logger}, which reaches {@link java.util.logging} here.
 */
final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final Handler handler;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLines(String source, Level level) {
        this.logger = Logger.getLogger(source);
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= level.intValue()) {
                    Object[] p = record.getParameters();
                    lines.add(p == null || p.length == 0 ? record.getMessage() : MessageFormat.format(record.getMessage(), p));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(level);
        logger.addHandler(handler);
    }

    /** Starts collecting what {@code source}'s logger writes at {@code level} or above. */
    static LogLines of(Class<?> source, Level level) {
        return new LogLines(source.getName(), level);
    }

    /** As {@link #of(Class, Level)}, for a class named {@code source} that the tests cannot see (package-private). */
    static LogLines of(String source, Level level) {
        return new LogLines(source, level);
    }

    /** The lines so far, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Forgets the lines so far. */
    void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(null);
    }
}
