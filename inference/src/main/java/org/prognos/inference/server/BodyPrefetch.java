package org.prognos.inference.server;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.BadMessageException;
import org.prognos.PrognosException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.PayloadTooLargeException;
import org.prognos.inference.RequestTimeoutException;
import org.prognos.inference.http.HttpIo;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * Reads a JSON request body with no thread waiting on it, then hands the request, body in memory, to the routes.
 *
 * <p>Javalin runs handlers on Jetty's worker threads and reads bodies with blocking reads, so a client that declares
 * a large body and sends it a byte at a time holds a worker for as long as it likes: forty such clients held every
 * worker of the default pool. This filter runs first: it takes the part of a body up to {@code limits.maxBodyBytes}
 * that has already arrived (usually all of it, sent with the headers) without blocking, and when more is to come
 * starts servlet async I/O, collects what arrives from a {@link ReadListener} (a pool thread runs only while bytes
 * are there to copy), and dispatches the request again once the body is complete, the handlers then reading it from
 * memory. Jetty's {@code minRequestDataRate} check runs on each of these reads (a body under
 * {@code clients.minRequestBytesPerSecond} fails with 408), and the async timeout is the read deadline
 * ({@code clients.readDeadlineSeconds}), so a slow upload costs a buffer and a selector key, never a worker, and not
 * for long.
 *
 * <p>A body that fails to arrive is not answered here: the failure (a Prognos exception: 408, 413 or 400) is handed to
 * the routes in place of the body, thrown when a handler reads it, and worded by {@code ProblemMapper} like any
 * other. Requests without a body, bodies that are not JSON (answered 415 unread) or declared over the limit
 * (413 unread), and requests without a known API key (answered 401 unread, so that a caller without a key cannot
 * make the service hold bodies) pass straight through.
 */
final class BodyPrefetch implements Filter {
    private static final String BODY = BodyPrefetch.class.getName() + ".body";
    private static final String FAILURE = BodyPrefetch.class.getName() + ".failure";

    private final long maxBody;
    private final long deadlineMillis;
    private final ServiceMetrics metrics;
    private final Predicate<HttpServletRequest> admitted;

    /**
     * @param admitted whether a request's body may be read before the routes run (it presents a known key, or keys are
     *                 off); any other request passes straight through, to be refused by the access check unread
     */
    BodyPrefetch(long maxBody, double readDeadlineSeconds, ServiceMetrics metrics, Predicate<HttpServletRequest> admitted) {
        this.admitted = admitted;
        this.maxBody = maxBody;
        this.deadlineMillis = Math.max(1, (long) (readDeadlineSeconds * 1000));
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = req.getAttribute(BODY);
            Object failure = req.getAttribute(FAILURE);
            if (body instanceof byte[] || failure instanceof PrognosException) {
                chain.doFilter(new Prefetched(req, (byte[]) body, (PrognosException) failure), response);
                return;
            }
        }
        if (req.getDispatcherType() != DispatcherType.REQUEST || !prefetches(req)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = req.getContentLengthLong();
        ByteArrayOutputStream arrived = new ByteArrayOutputStream(declared > 0 ? (int) declared : 4096);
        if (declared > 0 && arrivedWhole(req.getInputStream(), declared, arrived)) {
            chain.doFilter(new Prefetched(req, arrived.toByteArray(), null), response);   // the usual case: no wait, no dispatch
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(deadlineMillis);
        Collector collector = new Collector(req, async, declared, arrived);
        async.addListener(collector);
        req.getInputStream().setReadListener(collector);
    }

    /**
     * Reads the part of a declared body that has already arrived, without blocking ({@code available()} counts only
     * bytes Jetty holds or can parse now); true when that is the whole body. Most bodies arrive with their headers,
     * and taking them here spares the asynchronous read and its second dispatch (a third of a score request's CPU).
     */
    private static boolean arrivedWhole(ServletInputStream in, long declared, ByteArrayOutputStream into) {
        try {
            return readArrived(in, declared, into);
        } catch (IOException e) {
            return false;   // the asynchronous read meets the same failure and words it
        }
    }

    private static boolean readArrived(ServletInputStream in, long declared, ByteArrayOutputStream into) throws IOException {
        byte[] buffer = new byte[(int) Math.min(declared, 8192)];
        int ready;
        while (into.size() < declared && (ready = in.available()) > 0) {
            int n = in.read(buffer, 0, (int) Math.min(Math.min(ready, buffer.length), declared - into.size()));
            if (n < 0) {
                return false;
            }
            into.write(buffer, 0, n);
        }
        return into.size() == declared;
    }

    /** A POST, PUT or PATCH with a JSON body declared within the limit, or chunked. */
    private boolean prefetches(HttpServletRequest req) {
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) || !HttpIo.isJson(req.getContentType())) {
            return false;
        }
        long declared = req.getContentLengthLong();
        boolean withBody = declared > 0 ? declared <= maxBody : declared < 0 && req.getHeader("Transfer-Encoding") != null;
        return withBody && admitted.test(req);
    }

    /** Collects one body as it arrives, then dispatches the request once: with the body, or with why it failed. */
    private final class Collector implements ReadListener, AsyncListener {
        private final HttpServletRequest req;
        private final AsyncContext async;
        private final long declared;
        private final ByteArrayOutputStream body;
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean done = new AtomicBoolean();

        Collector(HttpServletRequest req, AsyncContext async, long declared, ByteArrayOutputStream arrived) {
            this.req = req;
            this.async = async;
            this.declared = declared;
            this.body = arrived;
        }

        @Override
        public void onDataAvailable() {
            try {
                ServletInputStream in = req.getInputStream();
                while (!done.get() && in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;   // onAllDataRead follows
                    }
                    if (body.size() + (long) n > maxBody) {
                        metrics.requestCut("too-large");
                        fail(new PayloadTooLargeException("the request body exceeds the limit of " + maxBody
                                + " bytes; send fewer readings per call (or raise limits.maxBodyBytes)"));
                        return;
                    }
                    body.write(buffer, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                onError(e);
            }
        }

        @Override
        public void onAllDataRead() {
            if (declared >= 0 && body.size() < declared) {
                onError(new IOException("short body"));
                return;
            }
            if (done.compareAndSet(false, true)) {
                req.setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (t instanceof BadMessageException bad && bad.getCode() == 408 || t instanceof TimeoutException
                    || t != null && t.getCause() instanceof TimeoutException) {
                // under the minimum rate, or idle past clients.idleTimeoutSeconds in the middle of the body
                metrics.requestCut("slow");
                fail(new RequestTimeoutException("the request body arrived slower than the service's minimum rate; send it"
                        + " at full speed (or raise clients.minRequestBytesPerSecond)"));
            } else {
                metrics.requestCut("incomplete");
                fail(declared >= 0
                        ? new InvalidRequestException("the body ended before its declared Content-Length (" + body.size() + " of "
                                + declared + " bytes arrived)")
                        : new InvalidRequestException("the request body could not be read: the connection failed or its chunked"
                                + " encoding was broken"));
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            metrics.requestCut("deadline");
            fail(new RequestTimeoutException("the request did not arrive within the service's read deadline of "
                    + deadlineMillis / 1000.0 + " s; send it at full speed (or raise clients.readDeadlineSeconds)"));
        }

        private void fail(PrognosException failure) {
            if (done.compareAndSet(false, true)) {
                req.setAttribute(FAILURE, failure);
                try {
                    async.dispatch();
                } catch (IllegalStateException e) {
                    // the request already completed (its connection closed and Jetty gave up on it): nothing to answer
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The request as the routes see it: its body from memory, or its failure thrown when the body is read. */
    private static final class Prefetched extends HttpServletRequestWrapper {
        private final byte[] body;
        private final PrognosException failure;

        Prefetched(HttpServletRequest req, byte[] body, PrognosException failure) {
            super(req);
            this.body = body;
            this.failure = failure;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (failure != null) {
                throw failure;
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already in memory");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
