package org.prognos.inference.http;

import org.prognos.inference.codec.JsonCodec;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.PayloadTooLargeException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.UnsupportedMediaTypeException;

/**
 * Reading bodies and parameters and writing JSON for the controllers. A body is read through a bounded buffer:
 * a declared length over the limit is refused before reading, and a chunked body is cut off at the limit, so no
 * request can make the service buffer more than {@code limits.maxBodyBytes}. A body that is not JSON is refused
 * (415) before it is read ({@link #requireJsonBody}). Read failures are worded here, never passed through: a body
 * that ends before its declared length says so, with no transport exception's text.
 */
public final class HttpIo {
    private final JsonCodec json;
    private final long maxBody;

    public HttpIo(JsonCodec json, ServiceConfig.Limits limits) {
        this.json = json;
        this.maxBody = limits.maxBodyBytes();
    }

    /** Binds the body to {@code type}. */
    public <T> T body(Context ctx, Class<T> type) {
        return json.read(bytes(ctx), type);
    }

    /** Binds the body to {@code type}, or empty when there is no body. */
    public <T> Optional<T> optionalBody(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx);
        return body.length == 0 ? Optional.empty() : Optional.of(json.read(body, type));
    }

    /** The raw body, read through the bounded buffer. */
    public byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBody) {
            throw tooLarge(declared);
        }
        int at = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {   // the usual case: read into an array of the declared size, no copies
                byte[] body = new byte[(int) declared];
                int n;
                while (at < body.length && (n = in.read(body, at, body.length - at)) > 0) {
                    at += n;
                }
                if (at < body.length) {
                    throw endedEarly(at, declared);
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 4096);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBody) {
                    throw tooLarge(total);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // the transport's exception (Jetty's EofException, a reset) stays out of the answer
            throw declared >= 0 ? endedEarly(at, declared) : unreadable(e);
        } catch (PrognosException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(e);   // Jetty's BadMessageException (broken framing) is no 500
        }
    }

    private static InvalidRequestException unreadable(Exception e) {
        return new InvalidRequestException("the request body could not be read: the connection failed or its chunked encoding"
                + " was broken", e);
    }

    private static InvalidRequestException endedEarly(int at, long declared) {
        return new InvalidRequestException("the body ended before its declared Content-Length (" + at + " of " + declared + " bytes"
                + " arrived)");
    }

    /**
     * Before-handler of the JSON routes: refuses (415) a POST, PUT or PATCH whose body is not JSON, before it is read.
     * A request without a body (a reload, an acknowledgement without a note) needs no {@code Content-Type}.
     */
    public void requireJsonBody(Context ctx) {
        String method = ctx.method().name();
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            return;
        }
        boolean body = ctx.req().getContentLengthLong() > 0 || ctx.req().getHeader("Transfer-Encoding") != null;
        if (!body) {
            return;
        }
        String type = ctx.req().getContentType();
        if (!isJson(type)) {
            throw new UnsupportedMediaTypeException(type == null || type.isBlank()
                    ? "the request has a body but no Content-Type; send 'Content-Type: application/json'"
                    : "the body's Content-Type '" + clip(type) + "' is not JSON; send 'Content-Type: application/json' (UTF-8)");
        }
    }

    /**
     * Whether {@code contentType} names JSON: {@code application/json} or an {@code application/*+json} type, in any
     * case, with parameters allowed as long as a charset, if named, is UTF-8.
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!(type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json")
                && type.length() > "application/+json".length()))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset")) {
                String charset = kv.length < 2 ? "" : kv[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private PayloadTooLargeException tooLarge(long size) {
        return new PayloadTooLargeException("the request body" + (size > 0 ? " (" + size + "+ bytes)" : "") + " exceeds the limit of "
                + maxBody + " bytes; send fewer readings per call (or raise limits.maxBodyBytes)");
    }

    /**
     * Writes {@code value} as JSON with status 200, straight to the response with its length (through
     * {@code ctx.result} Javalin would copy it through a new 8 KB buffer per answer).
     */
    public void json(Context ctx, Object value) {
        byte[] bytes = json.write(value);
        AccessControl.release(ctx);   // the answer is complete: its bytes reach the client before the after handlers run
        ctx.status(200).contentType("application/json");
        ctx.res().setContentLength(bytes.length);
        try {
            ctx.res().getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer: " + e.getMessage(), e);
        }
    }

    /** A boolean query parameter ({@code true}/{@code false}), or {@code dflt} when absent. */
    public boolean queryBoolean(Context ctx, String name, boolean dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidRequestException("query parameter '" + name + "': expected true or false, found '"
                    + clip(v) + "'");
        };
    }

    /** An integer query parameter, or {@code dflt} when absent. */
    public int queryInt(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("query parameter '" + name + "': expected an integer, found '" + clip(v) + "'");
        }
    }

    /** A query parameter or, failing that, a header; empty when neither is given. */
    public Optional<String> queryOrHeader(Context ctx, String query, String header) {
        String v = ctx.queryParam(query);
        if (v == null || v.isBlank()) {
            v = ctx.header(header);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** {@code s}, cut to 40 characters for a message. */
    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
