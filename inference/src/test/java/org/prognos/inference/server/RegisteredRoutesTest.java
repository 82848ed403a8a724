package org.prognos.inference.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route list read back from Javalin's router: endpoints only, each once, with their path templates. */
class RegisteredRoutesTest {
    @Test
    void lists_endpoints_with_their_templates_and_leaves_out_before_after_and_error_handlers() {
        Javalin app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.before(ctx -> { });
        app.beforeMatched(ctx -> { });
        app.post("/v1/things/{id}/poke", ctx -> { });
        app.after(ctx -> { });
        app.get("/v1/things", ctx -> { });
        app.delete("/v1/things/{id}", ctx -> { });
        app.error(404, ctx -> { });
        assertEquals(List.of("DELETE /v1/things/{id}", "GET /v1/things", "POST /v1/things/{id}/poke"),
                RegisteredRoutes.of(app).stream().sorted().toList());
    }
}
