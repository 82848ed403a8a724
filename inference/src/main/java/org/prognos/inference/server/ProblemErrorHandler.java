package org.prognos.inference.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.prognos.inference.api.Problem;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.http.ProblemMapper;

/**
 * Jetty's error pages, as problems: what Jetty answers itself, before or around the routes (a request line it cannot
 * parse, a NUL or a bad escape in the path, a URI or headers too long, an unknown HTTP version, a request during
 * shutdown), becomes an RFC 9457 {@code application/problem+json} of the same shape as every other error, worded by
 * {@link ProblemMapper#forStatus} from the status alone: Jetty's HTML page, its reason text and any exception stay
 * out of the answer.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final System.Logger LOG = System.getLogger(ProblemErrorHandler.class.getName());

    private final JsonCodec codec;

    ProblemErrorHandler(JsonCodec codec) {
        this.codec = codec;
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request Jetty parsed but refused or failed (a bad path, shutdown): answered as a problem, whatever the method. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        String id = App.requestId(request.getHeader(App.REQUEST_ID));
        String path = baseRequest.getHttpURI() == null ? "" : String.valueOf(baseRequest.getHttpURI().getPath());
        LOG.log(System.Logger.Level.DEBUG, "request {0} refused by Jetty with {1}: {2}", id, status, baseRequest.getResponse().getReason());
        byte[] body = codec.write(ProblemMapper.forStatus(status, path, id));
        response.setContentType(ProblemMapper.CONTENT_TYPE);
        response.setHeader(App.REQUEST_ID, id);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** A request Jetty could not parse (no route, no path, perhaps no method): the problem has no instance. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = App.requestId(null);
        LOG.log(System.Logger.Level.DEBUG, "request {0} refused by Jetty's parser with {1}: {2}", id, status, reason);
        Problem p = ProblemMapper.forStatus(status, "", id);
        fields.put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        fields.put(App.REQUEST_ID, id);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(codec.write(p));
    }
}
