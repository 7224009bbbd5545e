package io.spaxos.server.redis;

import static io.spaxos.server.redis.Resp.buf;
import static io.spaxos.server.redis.Resp.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

    private static final long MAX_BULK = 1 << 20;
    private static final long MAX_BUFFERED = 4 << 20;

    private final EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(MAX_BULK, MAX_BUFFERED));

    /** Everything the decoder emitted: commands as space-joined text, errors as "!" + message. */
    private List<String> decoded() {
        final List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof RespDecoder.Command c) {
                out.add(Resp.text(c.args()));
            } else if (msg instanceof RespDecoder.ProtocolError e) {
                out.add("!" + e.message());
            }
        }
        return out;
    }

    @Test
    void pipelined_commands_in_one_read_come_out_in_order() {
        channel.writeInbound(buf(command("SET", "a", "1") + command("GET", "a") + command("PING")));

        assertThat(decoded()).containsExactly("SET a 1", "GET a", "PING");
    }

    @Test
    void a_command_split_into_single_bytes_comes_out_whole() {
        final byte[] bytes = (command("SET", "key", "a value with spaces") + command("DBSIZE")).getBytes(StandardCharsets.UTF_8);
        for (final byte b : bytes) {
            channel.writeInbound(buf(new byte[] {b}));
        }

        assertThat(decoded()).containsExactly("SET key a value with spaces", "DBSIZE");
    }

    @Test
    void a_bulk_string_may_hold_any_bytes_including_crlf() {
        channel.writeInbound(buf("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"));

        assertThat(decoded()).containsExactly("ECHO a\r\nb");
    }

    @Test
    void inline_commands_split_on_blanks_and_honour_quotes_and_escapes() {
        channel.writeInbound(buf("SET k \"a b\\x41\\n\" 'it\\'s'\r\nPING\n\r\n   \r\n"));

        assertThat(decoded()).containsExactly("SET k a bA\n it's", "PING");
    }

    @Test
    void empty_and_negative_arrays_are_skipped() {
        channel.writeInbound(buf("*0\r\n*-1\r\n" + command("PING")));

        assertThat(decoded()).containsExactly("PING");
    }

    @Test
    void a_non_numeric_array_length_is_a_protocol_error_and_later_input_is_ignored() {
        channel.writeInbound(buf("*x\r\n" + command("PING")));

        assertThat(decoded()).containsExactly("!ERR Protocol error: invalid multibulk length");
    }

    @Test
    void an_array_element_that_is_not_a_bulk_string_is_a_protocol_error() {
        channel.writeInbound(buf("*1\r\n+PING\r\n"));

        assertThat(decoded()).containsExactly("!ERR Protocol error: expected '$', got '+'");
    }

    @Test
    void a_negative_or_non_numeric_bulk_length_is_a_protocol_error() {
        channel.writeInbound(buf("*1\r\n$-1\r\n"));
        assertThat(decoded()).containsExactly("!ERR Protocol error: invalid bulk length");

        final EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(MAX_BULK, MAX_BUFFERED));
        other.writeInbound(buf("*1\r\n$+3\r\nfoo\r\n"));
        assertThat(((RespDecoder.ProtocolError) other.readInbound()).message())
                .isEqualTo("ERR Protocol error: invalid bulk length");
    }

    @Test
    void bulk_data_not_followed_by_crlf_is_a_protocol_error() {
        channel.writeInbound(buf("*1\r\n$3\r\nfooXY"));

        assertThat(decoded()).containsExactly("!ERR Protocol error: expected CRLF after a bulk string of 3 bytes");
    }

    @Test
    void unbalanced_quotes_in_an_inline_command_are_a_protocol_error() {
        channel.writeInbound(buf("SET k \"unterminated\r\n"));

        assertThat(decoded()).containsExactly("!ERR Protocol error: unbalanced quotes in request");
    }

    @Test
    void a_bulk_longer_than_the_bulk_limit_is_refused_from_its_header_alone() {
        channel.writeInbound(buf("*2\r\n$3\r\nSET\r\n$" + (MAX_BULK + 1) + "\r\n"));

        assertThat(decoded()).containsExactly("!ERR Protocol error: invalid bulk length");
    }

    @Test
    void a_command_larger_than_the_connection_buffer_is_refused_before_it_arrives() {
        final EmbeddedChannel small = new EmbeddedChannel(new RespDecoder(MAX_BULK, 1000));
        small.writeInbound(buf("*3\r\n$3\r\nSET\r\n$600\r\n" + "k".repeat(600) + "\r\n$600\r\n"));

        final RespDecoder.ProtocolError error = small.readInbound();
        assertThat(error.message()).startsWith("ERR Protocol error: request of more than 1000 bytes");
    }

    @Test
    void an_inline_line_without_end_longer_than_64_kib_is_refused() {
        channel.writeInbound(buf("GET " + "k".repeat(RespDecoder.MAX_LINE_BYTES)));

        assertThat(decoded()).containsExactly("!ERR Protocol error: too big inline request");
    }

    @Test
    void an_array_header_without_end_longer_than_64_kib_is_refused() {
        channel.writeInbound(buf("*" + "1".repeat(RespDecoder.MAX_LINE_BYTES + 10)));

        assertThat(decoded()).containsExactly("!ERR Protocol error: too big mbulk count string");
    }

    @Test
    void an_array_of_more_than_a_million_arguments_is_refused() {
        channel.writeInbound(buf("*" + (RespDecoder.MAX_ARGS + 1) + "\r\n"));

        assertThat(decoded()).containsExactly("!ERR Protocol error: invalid multibulk length");
    }

    @Test
    void a_partial_command_waits_for_the_rest_without_output() {
        channel.writeInbound(buf("*2\r\n$3\r\nGET\r\n$5\r\nab"));
        assertThat(decoded()).isEmpty();

        channel.writeInbound(buf("cde\r\n"));
        assertThat(decoded()).containsExactly("GET abcde");
    }

    @Test
    void numbers_are_read_as_redis_reads_them() {
        assertThat(Numbers.parseLong(bytes("0"))).isZero();
        assertThat(Numbers.parseLong(bytes("-42"))).isEqualTo(-42);
        assertThat(Numbers.parseLong(bytes("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Numbers.parseLong(bytes("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        for (final String bad : List.of("", "-", "+1", "01", "-0", " 1", "1 ", "1.5", "9223372036854775808",
                "-9223372036854775809", "99999999999999999999", "abc")) {
            assertThat(Numbers.parseLong(bytes(bad))).as("'%s'", bad).isNull();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
