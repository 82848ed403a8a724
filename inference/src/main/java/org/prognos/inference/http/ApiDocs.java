package org.prognos.inference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.prognos.reports.Template;

/**
 * The API's OpenAPI 3.0 document ({@code openapi.json}, hand-written beside the service's resources and tested against
 * the routes the server registers) and the {@code /docs} page rendered once at startup from {@code docs.mustache}: Swagger
 * UI over that document, with "Authorize" and "Try it out", and the table of problem types that error {@code type}
 * URIs link to ({@code /docs#problem-<slug>}).
 *
 * <p>The page loads only files the service serves itself under {@link #ASSETS}: the vendored Swagger UI
 * ({@code swagger-ui-dist}, Apache-2.0; where it comes from and how to update it: the inference README) and the few
 * lines that start it. {@link #CONTENT_SECURITY_POLICY} keeps it so.
 */
public final class ApiDocs {
    /** Resource holding the OpenAPI document. */
    public static final String RESOURCE = "/org/prognos/inference/openapi.json";
    /** Class-path directory of the page's scripts and styles. */
    public static final String ASSETS_DIRECTORY = "/org/prognos/inference/docs";
    /** Where the service serves {@link #ASSETS_DIRECTORY}. */
    public static final String ASSETS = "/docs/assets";
    /**
     * The page's policy: scripts, styles and calls only to this service; inline styles because Swagger UI sets style
     * attributes; images also as {@code data:} URIs, which its style sheet uses for icons.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Template PAGE = Template.load(ApiDocs.class, "docs");

    /** The page's view: the document's title and versions, where the assets are, and the problem types. */
    public record Page(String title, String version, String openapi, String assets, List<ProblemRow> problems) {
        public Page {
            problems = List.copyOf(problems);
        }
    }

    /** One problem type: the anchor slug, the type URI, the HTTP status and the title. */
    public record ProblemRow(String slug, String type, int status, String title) {
    }

    private final byte[] openapi;
    private final byte[] html;

    private ApiDocs(byte[] openapi, byte[] html) {
        this.openapi = openapi;
        this.html = html;
    }

    /** Loads the document and renders the page. */
    public static ApiDocs load(ObjectMapper mapper) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            JsonNode doc = mapper.readTree(bytes);
            return new ApiDocs(bytes, render(doc).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public byte[] openapi() {
        return openapi.clone();
    }

    public byte[] html() {
        return html.clone();
    }

    static String render(JsonNode doc) {
        List<ProblemRow> problems = Arrays.stream(ProblemMapper.Kind.values())
                .map(k -> new ProblemRow(k.slug, k.type(), k.status, k.title))
                .toList();
        JsonNode info = doc.path("info");
        return PAGE.render(new Page(info.path("title").asText(), info.path("version").asText(), doc.path("openapi").asText(), ASSETS,
                problems));
    }
}
