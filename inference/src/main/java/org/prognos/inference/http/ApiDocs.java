package org.prognos.inference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's OpenAPI 3.0 document ({@code openapi.json}, hand-written beside this class) and a self-contained
 * HTML page rendered from it once at startup: endpoints with their parameters, example bodies and answers, and the
 * problem types errors link to. No script, no external style or font.
 */
public final class ApiDocs {
    /** Resource holding the OpenAPI document. */
    public static final String RESOURCE = "/org/prognos/inference/openapi.json";

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
        StringBuilder sb = new StringBuilder(64 * 1024);
        JsonNode info = doc.path("info");
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(info.path("title").asText())).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append("h2{border-bottom:1px solid #ccc;margin-top:2.5rem}h3{margin-bottom:.3rem}")
                .append("code,pre{font:13px ui-monospace,monospace;background:#f5f5f5}pre{padding:.6rem;overflow:auto}")
                .append(".m{display:inline-block;min-width:3.5rem;font-weight:bold}.get{color:#06c}.post{color:#080}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}")
                .append("nav a{display:block}</style></head><body>");
        sb.append("<h1>").append(esc(info.path("title").asText())).append(" <small>")
                .append(esc(info.path("version").asText())).append("</small></h1>");
        paragraphs(sb, info.path("description").asText());
        sb.append("<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI ")
                .append(esc(doc.path("openapi").asText())).append(").</p>");
        sb.append("<h2>Endpoints</h2><nav>");
        forEachOperation(doc, (path, method, op) -> sb.append("<a href=\"#").append(anchor(method, path)).append("\"><span class=\"m ")
                .append(method).append("\">").append(method.toUpperCase(Locale.ROOT)).append("</span> <code>")
                .append(esc(path)).append("</code> ").append(esc(op.path("summary").asText())).append("</a>"));
        sb.append("</nav>");
        forEachOperation(doc, (path, method, op) -> operation(sb, doc, path, method, op));
        sb.append("<h2>Problems</h2><p>Every error is an RFC 9457 <code>application/problem+json</code> object with")
                .append(" <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code>,")
                .append(" <code>requestId</code> and, when a request had several problems, <code>errors</code>.</p><table>")
                .append("<tr><th>type</th><th>status</th><th>meaning</th></tr>");
        for (ProblemMapper.Kind k : ProblemMapper.Kind.values()) {
            sb.append("<tr id=\"problem-").append(k.slug).append("\"><td><code>").append(k.type()).append("</code></td><td>")
                    .append(k.status).append("</td><td>").append(esc(k.title)).append("</td></tr>");
        }
        sb.append("</table></body></html>");
        return sb.toString();
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode op);
    }

    private static void forEachOperation(JsonNode doc, OperationVisitor v) {
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String method : List.of("get", "post", "put", "delete")) {
                JsonNode op = p.getValue().get(method);
                if (op != null) {
                    v.visit(p.getKey(), method, op);
                }
            }
        }
    }

    private static void operation(StringBuilder sb, JsonNode doc, String path, String method, JsonNode op) {
        sb.append("<h3 id=\"").append(anchor(method, path)).append("\"><span class=\"m ").append(method).append("\">")
                .append(method.toUpperCase(Locale.ROOT)).append("</span> <code>").append(esc(path)).append("</code></h3>");
        sb.append("<p><b>").append(esc(op.path("summary").asText())).append("</b></p>");
        paragraphs(sb, op.path("description").asText());
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        String roles = security.isArray() && !security.isEmpty() ? "API key" + roleText(op) : "none";
        sb.append("<p>Authentication: ").append(esc(roles)).append("</p>");
        JsonNode params = op.path("parameters");
        if (params.isArray() && !params.isEmpty()) {
            sb.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>");
            for (JsonNode p : params) {
                JsonNode rp = resolve(doc, p);
                sb.append("<tr><td><code>").append(esc(rp.path("name").asText())).append("</code></td><td>")
                        .append(esc(rp.path("in").asText())).append("</td><td>").append(rp.path("required").asBoolean() ? "yes" : "no")
                        .append("</td><td>").append(esc(rp.path("description").asText())).append("</td></tr>");
            }
            sb.append("</table>");
        }
        JsonNode body = op.path("requestBody").path("content");
        body.fields().forEachRemaining(c -> example(sb, doc, "Request (" + c.getKey() + ")", c.getValue()));
        op.path("responses").fields().forEachRemaining(r -> {
            JsonNode resp = resolve(doc, r.getValue());
            sb.append("<p><code>").append(esc(r.getKey())).append("</code> ").append(esc(resp.path("description").asText())).append("</p>");
            resp.path("content").fields().forEachRemaining(c -> {
                if (c.getValue().has("example")) {
                    example(sb, doc, "Response (" + c.getKey() + ")", c.getValue());
                }
            });
        });
    }

    private static String roleText(JsonNode op) {
        JsonNode roles = op.path("x-roles");
        if (!roles.isArray() || roles.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" with role ");
        for (int i = 0; i < roles.size(); i++) {
            s.append(i == 0 ? "" : " or ").append(roles.get(i).asText());
        }
        return s.toString();
    }

    private static void example(StringBuilder sb, JsonNode doc, String label, JsonNode media) {
        JsonNode ex = media.get("example");
        if (ex == null) {
            return;
        }
        sb.append("<p>").append(esc(label)).append(":</p><pre>");
        sb.append(esc(ex.isTextual() ? ex.asText() : ex.toPrettyString()));
        sb.append("</pre>");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return doc.at(ref.asText().substring(1));
    }

    private static void paragraphs(StringBuilder sb, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String p : text.split("\n\n")) {
            sb.append("<p>").append(esc(p.strip()).replace("\n", "<br>")).append("</p>");
        }
    }

    private static String anchor(String method, String path) {
        return method + path.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
