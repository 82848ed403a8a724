package org.prognos.inference.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import org.prognos.inference.http.ApiDocs;

/**
 * Serves the {@code /docs} page's scripts and styles (the vendored Swagger UI and its starter) from the class path at
 * {@link ApiDocs#ASSETS}. They are static files, not routes: open like the page, outside the API that
 * {@code openapi.json} describes, and answered with a problem (404) for any name that is not there.
 */
final class DocsAssets {
    private DocsAssets() {
    }

    /** Adds the assets to the app being configured. */
    static void serve(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = ApiDocs.ASSETS;
            files.directory = ApiDocs.ASSETS_DIRECTORY;
            files.location = Location.CLASSPATH;
        });
    }
}
