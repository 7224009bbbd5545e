package io.spaxos.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EtcdHttpProtocolTest {

    private final EtcdHttpProtocol http = new EtcdHttpProtocol("127.0.0.1:2379");

    private int length(String reply) {
        final ByteBuffer buf = ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII));
        return http.replyLength(buf, 0, buf.capacity());
    }

    @Test
    void a_reply_with_content_length_ends_after_its_body() {
        final String reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        assertThat(length(reply)).isEqualTo(reply.length());
        assertThat(length(reply.substring(0, reply.length() - 1))).isZero();
    }

    @Test
    void a_chunked_reply_ends_after_the_last_chunk() {
        final String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        assertThat(length(reply)).isEqualTo(reply.length());
        assertThat(length(reply.substring(0, reply.length() - 2))).isZero();
    }

    @Test
    void a_status_other_than_200_is_an_error() {
        final String reply = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
        assertThat(length(reply)).isEqualTo(-reply.length());
    }

    @Test
    void the_request_is_a_json_put_with_base64_key_and_value() {
        final String request = new String(http.request(1, "ab".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
        assertThat(request).startsWith("POST /v3/kv/put HTTP/1.1\r\n")
                .contains("Content-Length: 37\r\n")
                .endsWith("\r\n\r\n{\"key\":\"YmVuY2g6MQ==\",\"value\":\"YWI=\"}");
    }
}
