package io.spaxos.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespProtocolTest {

    private final RespProtocol resp = new RespProtocol();

    private int length(String reply) {
        final ByteBuffer buf = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
        return resp.replyLength(buf, 0, buf.capacity());
    }

    @Test
    void a_simple_string_is_one_line() {
        assertThat(length("+OK\r\n")).isEqualTo(5);
        assertThat(length("+OK\r\n+OK\r\n")).isEqualTo(5);
    }

    @Test
    void an_error_reply_has_a_negative_length() {
        assertThat(length("-ERR nope\r\n")).isEqualTo(-11);
    }

    @Test
    void a_bulk_string_is_complete_only_with_its_payload_and_crlf() {
        assertThat(length("$3\r\nabc\r\n")).isEqualTo(9);
        assertThat(length("$3\r\nabc\r")).isZero();
        assertThat(length("$-1\r\n")).isEqualTo(5);
    }

    @Test
    void an_array_with_an_error_inside_counts_as_an_error() {
        assertThat(length("*2\r\n:1\r\n$1\r\nx\r\n")).isEqualTo(15);
        assertThat(length("*2\r\n:1\r\n-ERR x\r\n")).isEqualTo(-16);
        assertThat(length("*2\r\n:1\r\n")).isZero();
    }

    @Test
    void an_incomplete_line_needs_more_bytes() {
        assertThat(length("+O")).isZero();
        assertThat(length("")).isZero();
    }

    @Test
    void garbage_is_refused() {
        assertThatThrownBy(() -> length("HTTP/1.1 200 OK\r\n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_request_is_a_resp_set_of_the_clients_key() {
        assertThat(new String(resp.request(7, "v".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$7\r\nbench:7\r\n$1\r\nv\r\n");
    }
}
