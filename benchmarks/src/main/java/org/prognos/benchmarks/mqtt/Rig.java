package org.prognos.benchmarks.mqtt;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.prognos.cli.simulate.AssetSeries;
import org.prognos.cli.simulate.FleetReplay;

/**
 * One setup of the benchmark, started together and stopped together: a fresh broker (unless one is given), the system
 * under test with fresh state, the monitor and the driver, whose replay starts from its beginning. A ladder starts a
 * new rig after a step that did not keep up, so that the next step does not inherit its backlog.
 */
final class Rig implements AutoCloseable {
    private final Deque<AutoCloseable> open;
    private final LoadDriver driver;
    private final Optional<Mosquitto> broker;
    private final String url;

    private Rig(Deque<AutoCloseable> open, LoadDriver driver, Optional<Mosquitto> broker, String url) {
        this.open = open;
        this.driver = driver;
        this.broker = broker;
        this.url = url;
    }

    /**
     * What every rig of a ladder shares.
     *
     * @param target   the system under test
     * @param replay   the readings
     * @param broker   the broker's settings
     * @param given    a broker URL to use instead of starting one
     * @param window   the driver's messages in flight, at most
     * @param settings the driver's settings
     * @param work     the ladder's working directory
     */
    record Parts(Target target, FleetReplay replay, Mosquitto.Settings broker, Optional<String> given, int window,
                 LoadDriver.Settings settings, Path work) {
    }

    /** Starts a rig; {@code generation} numbers its directories (logs of earlier rigs are kept). */
    static Rig start(Parts parts, int generation) throws Exception {
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            Optional<Mosquitto> broker = parts.given().isPresent() ? Optional.empty()
                    : Optional.of(Mosquitto.start(parts.work().resolve("broker-" + generation), parts.broker()));
            broker.ifPresent(open::push);
            String url = parts.given().orElseGet(() -> broker.orElseThrow().url());
            Optional<ChildProcess> process = parts.target().start(url, parts.work().resolve(parts.target().label() + "-" + generation));
            process.ifPresent(open::push);
            Monitor monitor = Monitor.connect(url, assetIndex(parts.replay()), parts.replay().axis());
            open.push(monitor);
            LoadDriver driver = LoadDriver.connect(url, parts.replay(), monitor, parts.window(),
                    new LoadDriver.Meters(process, broker.map(Mosquitto::process)), parts.settings());
            open.push(driver);
            return new Rig(open, driver, broker, url);
        } catch (Exception | Error e) {
            closeAll(open);
            throw e;
        }
    }

    /** The driver. */
    LoadDriver driver() {
        return driver;
    }

    /** The broker's URL. */
    String url() {
        return url;
    }

    /** The broker, when this rig started it. */
    Optional<Mosquitto> broker() {
        return broker;
    }

    /** Stops the driver, the monitor, the system under test and the broker, in that order. */
    @Override
    public void close() {
        closeAll(open);
    }

    private static void closeAll(Deque<AutoCloseable> open) {
        synchronized (open) {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
        }
    }

    private static Map<String, Integer> assetIndex(FleetReplay replay) {
        Map<String, Integer> m = new HashMap<>();
        for (AssetSeries a : replay.assets()) {
            m.put(a.id(), a.index());
        }
        return m;
    }
}
