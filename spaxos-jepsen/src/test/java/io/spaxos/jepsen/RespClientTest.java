package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RespClientTest {

    @Test
    void encodes_a_command_as_an_array_of_bulk_strings() {
        assertThat(new String(RespClient.encode("SET", "k", "1", "IFEQ", "0"), StandardCharsets.UTF_8))
                .isEqualTo("*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n1\r\n$4\r\nIFEQ\r\n$1\r\n0\r\n");
    }

    @Test
    void reads_every_kind_of_reply() throws Exception {
        final List<RespReply> replies = exchange(
                "+OK\r\n-TRYAGAIN outcome unknown\r\n:42\r\n$3\r\nabc\r\n$-1\r\n*2\r\n$1\r\n1\r\n$-1\r\n", 6,
                Duration.ofSeconds(5), false);
        assertThat(replies).containsExactly(new RespReply.Simple("OK"), new RespReply.Error("TRYAGAIN outcome unknown"),
                new RespReply.Int(42), new RespReply.Bulk("abc"), new RespReply.Bulk(null),
                new RespReply.Array(List.of(new RespReply.Bulk("1"), new RespReply.Bulk(null))));
        assertThat(((RespReply.Error) replies.get(1)).code()).isEqualTo("TRYAGAIN");
    }

    @Test
    void a_reply_that_does_not_come_in_time_is_a_timeout() {
        assertThatThrownBy(() -> exchange("", 1, Duration.ofMillis(200), false)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void a_connection_closed_mid_reply_is_an_error_not_a_reply() {
        assertThatThrownBy(() -> exchange("$5\r\nab", 1, Duration.ofSeconds(30), true)).isInstanceOf(IOException.class);
    }

    /**
     * Serves {@code script} to one connection (then closes it, or keeps it open until the client
     * closes), while the client sends a GET and reads {@code count} replies.
     */
    private static List<RespReply> exchange(String script, int count, Duration readTimeout, boolean closeAfterScript)
            throws Exception {
        try (ServerSocket server = TestPorts.listen()) {
            final CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    final InputStream in = socket.getInputStream();
                    in.read(new byte[64]);
                    socket.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    if (closeAfterScript) {
                        return;
                    }
                    socket.setSoTimeout((int) readTimeout.multipliedBy(4).toMillis());
                    while (in.read() >= 0) {
                        // Keep the connection open until the client is done with it.
                    }
                } catch (IOException e) {
                    // The client closed first.
                }
            });
            try (RespClient client = RespClient.connect(server.getLocalPort(), Duration.ofSeconds(5), readTimeout)) {
                final RespReply first = client.call("GET", "k");
                final List<RespReply> replies = new ArrayList<>(List.of(first));
                for (int i = 1; i < count; i++) {
                    replies.add(client.readReply());
                }
                return replies;
            } finally {
                served.cancel(true);
            }
        }
    }
}
