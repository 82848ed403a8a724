package org.prognos.inference.server;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import java.util.List;

/**
 * The routes an app has registered, read back from Javalin's router (the list its route-overview plugin shows), as
 * {@code "METHOD /path/{param}"}: what tests compare with {@code openapi.json} and {@link App#ROUTES}.
 */
final class RegisteredRoutes {
    private RegisteredRoutes() {
    }

    /** Every HTTP endpoint of {@code app} (before, after and error handlers are not endpoints), in the router's order. */
    static List<String> of(Javalin app) {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.getEndpoint())
                .filter(e -> e.getMethod().isHttpMethod())
                .map(RegisteredRoutes::name)
                .toList();
    }

    private static String name(Endpoint e) {
        return e.getMethod().name() + " " + e.getPath();
    }
}
