package org.prognos.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Raw HTTP/1.1 over a socket, for requests no HTTP client would send (a bad request line, a NUL in the path, a body
 * shorter than its declared length): writes the bytes as given, reads the answer until the server closes.
 */
public final class RawHttp {
    private static final int TIMEOUT_MS = 15_000;

    private RawHttp() {
    }

    /**
     * An answer: status, headers (names lower-cased, last value wins), body (de-chunked); status -1 when the server
     * closed without answering.
     */
    public record Response(int status, Map<String, String> headers, String body) {
        public Response {
            headers = Map.copyOf(headers);
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends {@code request} to 127.0.0.1:{@code port} and reads the answer. */
    public static Response exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** Sends {@code request}; with {@code halfClose} the socket's output is shut after it (the body ends early). */
    public static Response exchange(int port, byte[] request, boolean halfClose) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer and close before it read everything (a huge header): read what it said
            }
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kept-alive connection: requests sent one after another on the same socket. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;

        Connection(Socket socket) {
            this.socket = socket;
        }

        /** Sends {@code request} and reads its answer (by its Content-Length). */
        public Response exchange(String request) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return parse(readAll(socket.getInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes {@code bytes} without reading an answer. */
        public void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** Reads the next answer. */
        public Response read() {
            try {
                return parse(readAll(socket.getInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the server closed this connection within {@code millis} (end of stream or a reset). */
        public boolean closedWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            } finally {
                socket.setSoTimeout(TIMEOUT_MS);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Opens a connection to 127.0.0.1:{@code port} for several requests. */
    public static Connection open(int port) {
        return open(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Opens a connection to 127.0.0.1:{@code port} from the local address {@code from} (on Linux every 127.x.y.z is
     * a loopback address, so a test can be several clients).
     */
    public static Connection open(InetAddress from, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            return new Connection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte of the first answer: until its Content-Length is complete, else until the server closes. */
    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while (!complete(all.toByteArray()) && (n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + TIMEOUT_MS + " ms; read so far: " + all.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException e) {
            if (all.size() == 0) {
                return new byte[0];
            }
        }
        return all.toByteArray();
    }

    /** Whether {@code bytes} hold a whole answer with a Content-Length. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return bytes.length >= end + 4 + Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }

    /** Parses the first answer in {@code bytes}. */
    static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        if (status >= 100 && status < 200) {   // an interim answer (100 Continue): the real one follows
            return parse(java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new String(dechunk(rest), StandardCharsets.UTF_8);
        } else {
            int length = Optional.ofNullable(headers.get("content-length")).map(Integer::parseInt).orElse(rest.length);
            body = new String(rest, 0, Math.min(length, rest.length), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < b.length) {
            int eol = indexOf(b, at);
            if (eol < 0) {
                break;
            }
            String sizeText = new String(b, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(b, eol + 2, Math.min(size, b.length - eol - 2));
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
