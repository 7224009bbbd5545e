package io.spaxos.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator against a tiny in-process RESP server that answers every SET with +OK. */
class NioClosedLoopDriverTest {

    @Test
    void every_client_gets_answers_and_the_generator_counts_them() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final Thread acceptor = new Thread(() -> acceptLoop(server));
            acceptor.setDaemon(true);
            acceptor.start();
            final ByteArrayOutputStream progress = new ByteArrayOutputStream();
            final LoadResult result;
            try (Driver driver = new NioClosedLoopDriver("fake", List.of(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), server.getLocalPort())), new RespProtocol(), 1)) {
                driver.open(3, "value".getBytes(StandardCharsets.US_ASCII));
                result = new LoadGenerator(new PrintStream(progress, true, StandardCharsets.UTF_8), 1)
                        .run("fake", driver, new LoadSpec(3, 5, 0, 1));
            }
            assertThat(result.ops()).isPositive();
            assertThat(result.errors()).isZero();
            assertThat(result.opsPerSecond()).isPositive();
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[fake] measure 1/1").contains("ops/s");
        }
    }

    private static void acceptLoop(ServerSocket server) {
        try {
            while (true) {
                final Socket s = server.accept();
                final Thread t = new Thread(() -> answer(s));
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // test over
        }
    }

    /** Reads whole RESP commands and answers each with +OK. */
    private static void answer(Socket s) {
        final RespProtocol resp = new RespProtocol();
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (true) {
                final int n = in.read(buf.array(), buf.position(), buf.remaining());
                if (n < 0) {
                    return;
                }
                buf.position(buf.position() + n);
                int at = 0;
                int r;
                // A command is an array of bulk strings, which the reply parser can frame as well.
                while ((r = resp.replyLength(buf, at, buf.position())) != 0) {
                    at += Math.abs(r);
                    out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                buf.limit(buf.position()).position(at);
                buf.compact();
            }
        } catch (IOException closed) {
            // client gone
        }
    }
}
