package io.spaxos.server.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** Free loopback ports from this package's test range, 22000..22499 (below the ephemeral range). */
final class TestPorts {

    private static final int FIRST = 22_000;
    private static final int LAST = 22_499;
    /** Spread concurrent builds apart, so two JVMs rarely probe the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST + (int) (ProcessHandle.current().pid() % 250));

    private TestPorts() {
    }

    static int next() {
        for (int tries = 0; tries <= LAST - FIRST; tries++) {
            final int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST + 1);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
                return port;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + ".." + LAST);
    }
}
