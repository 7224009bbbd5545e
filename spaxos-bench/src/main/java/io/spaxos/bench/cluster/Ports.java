package io.spaxos.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Fixed ports below 32768 (the range above is the kernel's ephemeral range, where a listener can
 * collide with a client's port). A port in use is a clear error, never a silent reuse.
 */
public final class Ports {

    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    public static void requireFree(String what, int... ports) throws IOException {
        for (final int port : ports) {
            if (port >= 32768) {
                throw new IllegalArgumentException(what + ": port " + port + " is in the ephemeral range");
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            } catch (IOException e) {
                throw new IOException(what + ": port " + port + " on " + HOST
                        + " is already in use (a previous run still going? stop it, or pick another --port-base)");
            }
        }
    }

    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
