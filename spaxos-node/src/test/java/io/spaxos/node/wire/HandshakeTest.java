package io.spaxos.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.node.wire.proto.WireProto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void a_handshake_decodes_to_what_was_encoded() throws Exception {
        final Handshake h = new Handshake("spaxos-0123abcd", 3, Handshake.PROTOCOL_VERSION);

        assertThat(Handshake.decode(ByteBuffer.wrap(h.encode()))).isEqualTo(h);
    }

    @Test
    void bytes_without_the_magic_are_not_a_handshake() {
        final byte[] noMagic = WireProto.Handshake.newBuilder().setClusterId("c").setNodeId(1).setProtocolVersion(1)
                .build().toByteArray();

        assertThatThrownBy(() -> Handshake.decode(ByteBuffer.wrap(noMagic)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not a spaxos handshake: magic is 0x0");
    }

    @Test
    void an_http_request_is_not_a_handshake() {
        final byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Handshake.decode(ByteBuffer.wrap(http)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("not a spaxos handshake");
    }

    @Test
    void a_handshake_from_node_zero_is_refused() {
        final byte[] nodeZero = WireProto.Handshake.newBuilder().setMagic(Handshake.MAGIC).setClusterId("c")
                .setProtocolVersion(1).build().toByteArray();

        assertThatThrownBy(() -> Handshake.decode(ByteBuffer.wrap(nodeZero)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("handshake.node_id is outside 1..4095: 0");
    }
}
