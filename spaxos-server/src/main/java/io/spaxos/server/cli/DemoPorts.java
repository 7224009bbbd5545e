package io.spaxos.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The demo's ports: replica i has peer port 10000+i, Redis port 6380+i and line port 7000+i, plus an offset. */
record DemoPorts(int offset) {

    static final int REPLICAS = 3;

    int peer(int id) {
        return 10_000 + id + offset;
    }

    int redis(int id) {
        return ServerCommand.DEFAULT_REDIS_BASE + id + offset;
    }

    int line(int id) {
        return ServerCommand.DEFAULT_LINE_BASE + id + offset;
    }

    /** Fails naming every port that is taken, before anything starts. */
    void checkFree() throws IOException {
        final List<String> taken = new ArrayList<>();
        for (int id = 1; id <= REPLICAS; id++) {
            check(peer(id), "peer port of replica " + id, taken);
            check(redis(id), "redis port of replica " + id, taken);
            check(line(id), "line-protocol port of replica " + id, taken);
        }
        if (!taken.isEmpty()) {
            throw new IOException("cannot start the demo: " + String.join("; ", taken)
                    + " (another demo running? stop it, or move every port with --port-offset N)");
        }
    }

    private static void check(int port, String what, List<String> taken) {
        if (port < 1 || port > 65_535) {
            taken.add("port " + port + " (" + what + ") is outside 1..65535");
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            taken.add("port " + port + " (" + what + ") is already in use");
        }
    }
}
