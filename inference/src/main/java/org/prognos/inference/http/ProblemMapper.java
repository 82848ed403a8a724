package org.prognos.inference.http;

import io.javalin.http.HttpResponseException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.PrognosException;
import org.prognos.inference.AccessDeniedException;
import org.prognos.inference.AuthenticationException;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ModelUnavailableException;
import org.prognos.inference.PayloadTooLargeException;
import org.prognos.inference.RequestTimeoutException;
import org.prognos.inference.ServiceUnavailableException;
import org.prognos.inference.TooManyRequestsException;
import org.prognos.inference.UnknownAlertException;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.UnsupportedMediaTypeException;
import org.prognos.inference.api.Problem;
import org.prognos.models.InvalidModelNameException;
import org.prognos.models.ModelNotFoundException;
import org.prognos.models.PredictionException;

/**
 * The one place where exceptions become HTTP answers: every error is an RFC 9457 problem
 * ({@code application/problem+json}) carrying the request id. The Prognos exception family maps to 4xx by kind
 * (a client error is never a 500); Javalin's own responses (unknown route, wrong method, body too large) keep
 * their status; anything else is a 500 whose detail says only that the error was logged under the request id.
 * What Jetty refuses before a route runs (a bad request line, a URI or headers too long, an unknown HTTP version, a
 * request during shutdown) is worded here too ({@link #forStatus}), by status alone: no Jetty reason, exception
 * class or message reaches a client.
 */
public final class ProblemMapper {
    private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());
    /** Media type of problem responses. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /** A kind of problem: its status, the slug of its type URI, and its title. */
    enum Kind {
        INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
        UNAUTHORIZED(401, "unauthorized", "An API key is required"),
        FORBIDDEN(403, "forbidden", "The API key lacks the role this route needs"),
        MODEL_NOT_FOUND(404, "model-not-found", "No such model"),
        ASSET_NOT_FOUND(404, "asset-not-found", "No state for this asset"),
        ALERT_NOT_FOUND(404, "alert-not-found", "No such alert"),
        NOT_FOUND(404, "not-found", "No such route"),
        METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this route"),
        REQUEST_TIMEOUT(408, "request-timeout", "The request did not arrive in time"),
        CONFLICT(409, "conflict", "The request conflicts with the service's state"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
        URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body is not JSON"),
        UNPROCESSABLE(422, "unprocessable", "The model cannot score this input"),
        TOO_MANY_REQUESTS(429, "too-many-requests", "The API key is over one of its quotas"),
        MODEL_UNAVAILABLE(503, "model-unavailable", "The model is configured but its bundle was refused"),
        HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
        UNAVAILABLE(503, "unavailable", "The service is not available"),
        HTTP_VERSION(505, "http-version-not-supported", "HTTP version not supported"),
        INTERNAL(500, "internal", "Internal error");

        final int status;
        final String slug;
        final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        String type() {
            return "/docs#problem-" + slug;
        }
    }

    private ProblemMapper() {
    }

    /** The problem answering {@code e} for the request at {@code path} with id {@code requestId}. */
    public static Problem toProblem(Throwable e, String path, String requestId) {
        Kind kind = kindOf(e);
        String detail;
        List<String> errors = List.of();
        if (kind == Kind.INTERNAL) {
            LOG.log(Level.ERROR, "request " + requestId + " on " + path + " failed", e);
            detail = "an internal error occurred; it was logged with request id " + requestId;
        } else if (e instanceof HttpResponseException h) {
            detail = switch (kind) {
                case NOT_FOUND -> "no route " + path + "; see /openapi.json or /docs for the API";
                case METHOD_NOT_ALLOWED -> "this method is not allowed on " + path + "; see /openapi.json";
                case PAYLOAD_TOO_LARGE -> "the request body exceeds the service's limit";
                default -> h.getMessage();
            };
        } else {
            detail = e.getMessage();
            if (e instanceof InvalidRequestException ir) {
                errors = ir.errors();
            }
            if (kind.status >= 500) {
                LOG.log(Level.WARNING, "request {0} on {1}: {2}", requestId, path, detail);
            }
        }
        return new Problem(kind.type(), kind.title, kind.status, detail, path, requestId, errors);
    }

    /** Headers the answer to {@code e} carries beside its problem: {@code Retry-After} on a 429. */
    public static Map<String, String> headers(Throwable e) {
        return e instanceof TooManyRequestsException t ? Map.of("Retry-After", Long.toString(t.retryAfterSeconds())) : Map.of();
    }

    /**
     * The problem answering a request the HTTP server refused itself with {@code status}, before any route ran; the
     * detail is worded by status only. {@code path} may be empty when the request line could not be read.
     */
    public static Problem forStatus(int status, String path, String requestId) {
        Kind kind = kindOfStatus(status);
        String detail = switch (status) {
            case 400 -> "the request is not well-formed HTTP (its request line, the encoding of its path, a header or the"
                    + " framing of its body) and was refused before it reached a route";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request body exceeds the service's limit";
            case 414 -> "the request URI exceeds the service's limit on the request line and headers (8 KiB)";
            case 431 -> "the request headers exceed the service's limit (8 KiB in all)";
            case 503 -> "the service is shutting down or cannot take this request now; retry, another instance if there is one";
            case 505 -> "this HTTP version is not served: use HTTP/1.1";
            default -> status >= 500 ? "an internal error occurred; it was logged with request id " + requestId
                    : "the HTTP server refused the request (status " + status + ")";
        };
        return new Problem(kind.type(), kind.title, status, detail, clip(path), requestId, List.of());
    }

    private static Kind kindOfStatus(int status) {
        for (Kind k : Kind.values()) {
            if (k.status == status && k != Kind.MODEL_NOT_FOUND && k != Kind.ASSET_NOT_FOUND && k != Kind.ALERT_NOT_FOUND) {
                return k;
            }
        }
        return status >= 500 ? Kind.INTERNAL : Kind.INVALID_REQUEST;
    }

    private static String clip(String path) {
        return path.length() > 256 ? path.substring(0, 256) + "…" : path;
    }

    static Kind kindOf(Throwable e) {
        if (e instanceof PayloadTooLargeException) {
            return Kind.PAYLOAD_TOO_LARGE;
        }
        if (e instanceof UnsupportedMediaTypeException) {
            return Kind.UNSUPPORTED_MEDIA_TYPE;
        }
        if (e instanceof RequestTimeoutException) {
            return Kind.REQUEST_TIMEOUT;
        }
        if (e instanceof InvalidRequestException || e instanceof InvalidModelNameException
                || e instanceof InvalidTelemetryException || e instanceof InvalidSpecException) {
            return Kind.INVALID_REQUEST;
        }
        if (e instanceof AuthenticationException) {
            return Kind.UNAUTHORIZED;
        }
        if (e instanceof AccessDeniedException) {
            return Kind.FORBIDDEN;
        }
        if (e instanceof ModelNotFoundException) {
            return Kind.MODEL_NOT_FOUND;
        }
        if (e instanceof UnknownAssetException) {
            return Kind.ASSET_NOT_FOUND;
        }
        if (e instanceof UnknownAlertException) {
            return Kind.ALERT_NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return Kind.CONFLICT;
        }
        if (e instanceof PredictionException) {
            return Kind.UNPROCESSABLE;
        }
        if (e instanceof ModelUnavailableException) {
            return Kind.MODEL_UNAVAILABLE;
        }
        if (e instanceof ServiceUnavailableException) {
            return Kind.UNAVAILABLE;
        }
        if (e instanceof TooManyRequestsException) {
            return Kind.TOO_MANY_REQUESTS;
        }
        if (e instanceof HttpResponseException h) {
            return switch (h.getStatus()) {
                case 400 -> Kind.INVALID_REQUEST;
                case 401 -> Kind.UNAUTHORIZED;
                case 403 -> Kind.FORBIDDEN;
                case 404 -> Kind.NOT_FOUND;
                case 405 -> Kind.METHOD_NOT_ALLOWED;
                case 408 -> Kind.REQUEST_TIMEOUT;
                case 413 -> Kind.PAYLOAD_TOO_LARGE;
                case 429 -> Kind.TOO_MANY_REQUESTS;
                case 414 -> Kind.URI_TOO_LONG;
                case 415 -> Kind.UNSUPPORTED_MEDIA_TYPE;
                case 431 -> Kind.HEADERS_TOO_LARGE;
                case 503 -> Kind.UNAVAILABLE;
                default -> h.getStatus() < 500 ? Kind.INVALID_REQUEST : Kind.INTERNAL;
            };
        }
        if (e instanceof PrognosException) {
            // a Prognos error not tied to the request (a model that failed in an unexpected way)
            return Kind.INTERNAL;
        }
        return Kind.INTERNAL;
    }
}
