package org.prognos.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Score latency with and without slow uploads, from outside a running service (driven by
 * {@code benchmarks/serve/slow-clients.sh}, which starts {@code ServeBench serve}). Normal clients post the serving
 * benchmark's body on kept-alive connections as fast as answers come; in alternate phases, {@code slow} extra
 * connections (from 127.0.0.2 to 127.0.0.5, under the per-address cap) each declare a 1 MB score body and send it
 * slowly:
 * <ul>
 * <li>{@code trickle}: 512 bytes every 200 ms (about 2.5 KiB/s, above the default minimum rate): the service keeps
 * them until the read deadline (30 s), then cuts them and they reconnect;</li>
 * <li>{@code drip}: one byte every 100 ms, under the minimum rate: the service cuts them within a second or two and
 * they reconnect at once (the red team's pattern).</li>
 * </ul>
 * Prints p50/p99 per phase and the medians over rounds. A benchmark, not a test: the machine is shared, so judge medians.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.SlowClientsBench PORT BODY KEY [slow] [clients] [seconds] [rounds] [mode]
 * </pre>
 */
public final class SlowClientsBench {
    private static final int TIMEOUT_MS = 30_000;

    private SlowClientsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: SlowClientsBench PORT BODY KEY [slow=200] [clients=4] [seconds=10] [rounds=5]"
                    + " [mode=trickle|drip]");
        }
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String key = args[2];
        int slow = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        double seconds = args.length > 5 ? Double.parseDouble(args[5]) : 10;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        String mode = args.length > 7 ? args[7] : "trickle";
        if (!mode.equals("trickle") && !mode.equals("drip")) {
            throw new IllegalArgumentException("mode is trickle or drip, found " + mode);
        }
        byte[] request = ("POST /v1/models/azure-24h/score HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] full = concat(request, body);
        byte[] slowHead = ("POST /v1/models/azure-24h/score HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        System.out.printf(Locale.ROOT, "slow-clients: %d clients, %d slow uploads (%s), %d rounds of %.0f s per phase, port %d%n",
                clients, slow, mode.equals("trickle") ? "512 B every 200 ms, 1 MB declared" : "1 B every 100 ms, 1 MB declared",
                rounds, seconds, port);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            phase(pool, port, full, clients, Math.max(5, seconds));   // warm-up, both ways
            try (Slow s = new Slow(port, slowHead, slow, mode)) {
                phase(pool, port, full, clients, Math.max(5, seconds));
            }
            List<double[]> without = new ArrayList<>();
            List<double[]> with = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Thread.sleep(1000);
                double[] a = phase(pool, port, full, clients, seconds);
                double[] b;
                int open;
                int reopened;
                try (Slow s = new Slow(port, slowHead, slow, mode)) {
                    Thread.sleep(1000);
                    b = phase(pool, port, full, clients, seconds);
                    open = s.open();
                    reopened = s.reopened.get();
                }
                without.add(a);
                with.add(b);
                System.out.printf(Locale.ROOT, "round %d  without: n=%-6d p50=%6.2f ms p99=%7.2f ms   with %d slow: n=%-6d p50=%6.2f ms"
                        + " p99=%7.2f ms  (slow connections open at the end %d, reopened %d)%n", r, (int) a[0], a[1], a[2], slow,
                        (int) b[0], b[1], b[2], open, reopened);
            }
            double p50a = median(without, 1);
            double p99a = median(without, 2);
            double p50b = median(with, 1);
            double p99b = median(with, 2);
            System.out.printf(Locale.ROOT, "median   without: p50=%6.2f ms p99=%7.2f ms   with %d slow: p50=%6.2f ms p99=%7.2f ms"
                    + "   p99 with/without = %.2f%n", p50a, p99a, slow, p50b, p99b, p99b / p99a);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Clients posting for {@code seconds}; {n, p50 ms, p99 ms}. */
    static double[] phase(ExecutorService pool, int port, byte[] request, int clients, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Double> ms = new ArrayList<>();
                try (Socket s = connect(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readAnswer(in);
                        ms.add((System.nanoTime() - t0) / 1e6);
                        if (status != 200) {
                            throw new IllegalStateException("status " + status);
                        }
                    }
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get((long) seconds + 120, TimeUnit.SECONDS));
        }
        all.sort(Double::compare);
        return new double[] {all.size(), quantile(all, 0.50), quantile(all, 0.99)};
    }

    /** Reads one answer (headers and a Content-Length body); its status. */
    static int readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed mid-answer");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(text.split(" ")[1]);
    }

    static Socket connect(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        s.setTcpNoDelay(true);
        return s;
    }

    static double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The slow uploads, kept going by one thread; one the service cuts is reopened. */
    static final class Slow implements AutoCloseable {
        private final int port;
        private final byte[] head;
        private final Socket[] sockets;
        private final boolean drip;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger reopened = new AtomicInteger();
        private final Thread thread;

        Slow(int port, byte[] head, int n, String mode) throws IOException {
            this.port = port;
            this.head = head;
            this.sockets = new Socket[n];
            this.drip = mode.equals("drip");
            for (int i = 0; i < n; i++) {
                sockets[i] = open(i);
            }
            thread = new Thread(this::run, "slow-uploads");
            thread.setDaemon(true);
            thread.start();
        }

        private Socket open(int i) throws IOException {
            Socket s = connect(InetAddress.getByName("127.0.0." + (2 + i % 4)), port);
            s.getOutputStream().write(head);
            return s;
        }

        private void run() {
            byte[] chunk = new byte[drip ? 1 : 512];
            Arrays.fill(chunk, (byte) ' ');
            while (running.get()) {
                for (int i = 0; i < sockets.length && running.get(); i++) {
                    try {
                        if (sockets[i].getInputStream().available() > 0) {
                            throw new IOException("answered (cut)");
                        }
                        sockets[i].getOutputStream().write(chunk);
                    } catch (IOException cut) {
                        try {
                            sockets[i].close();
                            sockets[i] = open(i);
                            reopened.incrementAndGet();
                        } catch (IOException e) {
                            // refused (the per-address cap while the old one closes): try again next pass
                        }
                    }
                }
                try {
                    Thread.sleep(drip ? 100 : 200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int open() {
            int n = 0;
            for (Socket s : sockets) {
                n += s.isClosed() ? 0 : 1;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            running.set(false);
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
