package org.prognos.inference;

import java.nio.file.Path;
import java.util.Map;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.models.predict.Predictors;

/** Starts services for the tests: loopback, a free port, registry polling off unless asked for, a test key per role. */
public final class TestServers {
    private TestServers() {
    }

    public static ApiKeys keys() {
        return ApiKeys.of(Map.of(Http.ADMIN_KEY, Role.ADMIN, Http.SCORE_KEY, Role.SCORE, Http.OPERATE_KEY, Role.OPERATE));
    }

    /** The base test config: 127.0.0.1, port 0, no polling. */
    public static ServiceConfig config() {
        return ServiceConfig.defaults().withHost("127.0.0.1").withPort(0).withReload(new ServiceConfig.Reload(0));
    }

    public static Server start(Path registry) {
        return start(registry, config());
    }

    public static Server start(Path registry, ServiceConfig config) {
        return Server.start(registry, config, keys(), Predictors.standard());
    }

    /** As above, with {@code env} for the config's secrets. */
    public static Server start(Path registry, ServiceConfig config, Map<String, String> env) {
        return Server.start(registry, config, keys(), Predictors.standard(), env);
    }
}
