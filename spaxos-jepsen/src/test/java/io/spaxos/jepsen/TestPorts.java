package io.spaxos.jepsen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listening sockets for the unit tests, on loopback ports 25970..25999: the top of this module's
 * range, above the blocks clusters use (a block uses its first 64 ports). Two builds at once
 * probe past each other's ports instead of failing.
 */
final class TestPorts {

    private static final int FIRST = 25_970;
    private static final int LAST = 25_999;
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % (LAST - FIRST + 1)));

    private TestPorts() {
    }

    /** A bound listening socket on a free port of the range. */
    static ServerSocket listen() {
        for (int tries = 0; tries <= LAST - FIRST; tries++) {
            final int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST + 1);
            try {
                final ServerSocket socket = new ServerSocket();
                try {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
                    return socket;
                } catch (IOException inUse) {
                    socket.close();
                }
            } catch (IOException cannotCreate) {
                throw new IllegalStateException(cannotCreate);
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + ".." + LAST);
    }

    /** A port of the range that was free a moment ago, for a server that binds it itself. */
    static int free() {
        try (ServerSocket probe = listen()) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
