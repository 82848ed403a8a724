package org.prognos.inference.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;

/**
 * The service in a JVM of its own, for the tests that kill it with SIGKILL: {@code registry dataDir brokerUrl clientId
 * portFile}. Writes its HTTP port to {@code portFile} once serving, then runs until killed.
 */
public final class ServiceProcess {
    private ServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        MqttConfig mqtt = MqttConfig.to(args[2]).withClientId(args[3])
                .withSubscriptions(List.of(new MqttConfig.Subscription("fleet/{asset}/telemetry", "pump", "json")));
        // snapshots every 7 entries and a checkpoint every second: a kill lands between snapshots, journal entries and
        // checkpoints alike
        ServiceConfig config = TestServers.config().withState(new StateConfig(10_000, 48 * 3600, 60, args[1], 7, 1.0))
                .withMqtt(mqtt);
        Server server = TestServers.start(Path.of(args[0]), config);
        Path port = Path.of(args[4]);
        Files.writeString(port.resolveSibling(port.getFileName() + ".tmp"), Integer.toString(server.port()));
        Files.move(port.resolveSibling(port.getFileName() + ".tmp"), port);
        Thread.sleep(Long.MAX_VALUE);
    }
}
