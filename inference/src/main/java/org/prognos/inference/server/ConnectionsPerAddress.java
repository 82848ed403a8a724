package org.prognos.inference.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * Caps the connections open at once from one client address ({@code clients.maxConnectionsPerAddress}): a connection
 * past the cap is closed as soon as it opens, before a byte of it is read, and counted in
 * {@code prognos_http_connections_rejected_total{reason="per-address"}}. Listens on the connector's first connection
 * factory (TLS or plain HTTP), so each TCP connection counts once.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private final int max;
    private final ServiceMetrics metrics;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /**
     * The connections counted in {@link #open}, with their address (a closed socket no longer has one); a refused
     * connection is not counted, whether or not Jetty reports its close.
     */
    private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max, ServiceMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < max;
            return admitted[0] ? now + 1 : n;
        });
        if (admitted[0]) {
            counted.put(connection, address);
        } else {
            metrics.connectionRejected("per-address");
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections open now from {@code address}. */
    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
