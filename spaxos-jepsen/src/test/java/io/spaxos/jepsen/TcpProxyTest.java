package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private ServerSocket target;
    private TcpProxy proxy;
    private int proxyPort;

    @BeforeEach
    void start() throws IOException {
        target = TestPorts.listen();
        target.setSoTimeout((int) WITHIN.toMillis());
        proxyPort = TestPorts.free();
        proxy = TcpProxy.start("1->2", proxyPort, target.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        target.close();
    }

    @Test
    void forwards_bytes_both_ways() throws IOException {
        try (Socket client = connect(); Socket server = target.accept()) {
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(server.getInputStream(), 4)).isEqualTo("ping");
            server.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(client.getInputStream(), 4)).isEqualTo("pong");
        }
    }

    @Test
    void a_cut_closes_open_connections_and_refuses_new_ones_until_healed() throws IOException {
        try (Socket client = connect(); Socket server = target.accept()) {
            proxy.cut();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(server.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket refused = connect()) {
            assertThat(refused.getInputStream().read()).isEqualTo(-1);
        }
        proxy.heal();
        try (Socket client = connect(); Socket server = target.accept()) {
            client.getOutputStream().write('x');
            assertThat(read(server.getInputStream(), 1)).isEqualTo("x");
        }
    }

    @Test
    void a_connection_made_while_cut_never_reaches_the_target() throws IOException {
        proxy.cut();
        try (Socket refused = connect()) {
            assertThat(refused.getInputStream().read()).isEqualTo(-1);
        }
        target.setSoTimeout(300);
        try (Socket leaked = target.accept()) {
            throw new AssertionError("the target was reached through a cut proxy: " + leaked);
        } catch (SocketTimeoutException expected) {
            // Nothing came through.
        }
    }

    private Socket connect() throws IOException {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort);
        socket.setSoTimeout((int) WITHIN.toMillis());
        return socket;
    }

    private static String read(InputStream in, int bytes) throws IOException {
        return new String(in.readNBytes(bytes), StandardCharsets.US_ASCII);
    }
}
