package io.spaxos.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.Ballot;
import io.spaxos.core.Proposal;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Forward;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.node.wire.proto.WireProto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    static Stream<Message> everyMessageType() {
        return Messages.oneOfEach(1, 4095).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void every_message_type_decodes_to_what_was_encoded(Message m) throws Exception {
        final byte[] bytes = MessageCodec.encode(m);

        assertThat(MessageCodec.decode(bytes)).isEqualTo(m);
        assertThat(MessageCodec.decode(ByteBuffer.wrap(bytes))).isEqualTo(m);
    }

    @Test
    void the_examples_cover_every_message_type() {
        assertThat(everyMessageType().map(Object::getClass).distinct())
                .hasSize(Message.class.getPermittedSubclasses().length);
    }

    @Test
    void encoding_a_message_from_node_zero_is_refused() {
        assertThatThrownBy(() -> MessageCodec.encode(new Prepare(0, 1, Messages.B, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 0");
    }

    private static WireProto.Envelope.Builder validPrepare() {
        return WireProto.Envelope.newBuilder().setFrom(1).setTo(2).setPrepare(WireProto.Prepare.newBuilder()
                .setBallot(WireProto.Ballot.newBuilder().setRound(3).setNode(1)).setFromIndex(5));
    }

    static Stream<Arguments> malformedEnvelopes() {
        final WireProto.Ballot hugeRound = WireProto.Ballot.newBuilder().setRound(-1).setNode(1).build();
        return Stream.of(
                Arguments.of("no body", WireProto.Envelope.newBuilder().setFrom(1).setTo(2).build().toByteArray(),
                        "envelope has no known message body"),
                Arguments.of("empty bytes", new byte[0], "from is outside 1..4095: 0"),
                Arguments.of("sender 0", validPrepare().setFrom(0).build().toByteArray(), "from is outside 1..4095: 0"),
                Arguments.of("receiver 4096", validPrepare().setTo(4096).build().toByteArray(),
                        "to is outside 1..4095: 4096"),
                Arguments.of("receiver above 2^31", validPrepare().setTo(-5).build().toByteArray(),
                        "to is outside 1..4095: 4294967291"),
                Arguments.of("ballot missing", validPrepare().setPrepare(WireProto.Prepare.newBuilder().setFromIndex(1))
                        .build().toByteArray(), "prepare.ballot is missing"),
                Arguments.of("ballot round above long", validPrepare().setPrepare(WireProto.Prepare.newBuilder()
                        .setBallot(hugeRound)).build().toByteArray(), "prepare.ballot.round is out of range"),
                Arguments.of("ballot node above 4095", validPrepare().setPrepare(WireProto.Prepare.newBuilder()
                        .setBallot(WireProto.Ballot.newBuilder().setRound(1).setNode(5000))).build().toByteArray(),
                        "prepare.ballot.node is outside 0..4095: 5000"),
                Arguments.of("index above long", validPrepare().setPrepare(WireProto.Prepare.newBuilder()
                        .setBallot(hugeRound.toBuilder().setRound(1)).setFromIndex(-1)).build().toByteArray(),
                        "prepare.from_index is out of range: 18446744073709551615"),
                Arguments.of("accept without a value", WireProto.Envelope.newBuilder().setFrom(1).setTo(2)
                        .setAccept(WireProto.Accept.newBuilder().setBallot(hugeRound.toBuilder().setRound(1))
                                .setIndex(1)).build().toByteArray(), "accept.value is missing"),
                Arguments.of("vote without a ballot", WireProto.Envelope.newBuilder().setFrom(1).setTo(2)
                        .setPromise(WireProto.Promise.newBuilder().setBallot(hugeRound.toBuilder().setRound(1))
                                .setPromised(hugeRound.toBuilder().setRound(1))
                                .addAccepted(WireProto.Vote.newBuilder().setIndex(3)
                                        .setValue(WireProto.Batch.getDefaultInstance())))
                        .build().toByteArray(), "promise.accepted[0].ballot is missing"),
                Arguments.of("invalid UTF-8 reqid", invalidUtf8Reqid(), "not a spaxos message"),
                Arguments.of("text", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "not a spaxos message"),
                Arguments.of("truncated", truncated(), "not a spaxos message"));
    }

    /** protobuf's builders refuse invalid UTF-8, so the bytes of a valid reqid are patched instead. */
    private static byte[] invalidUtf8Reqid() {
        final byte[] bytes = MessageCodec.encode(new Forward(1, 2, 1, Messages.B, List.of(Proposal.of("zz", "v"))));
        final int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("zz");
        bytes[at] = (byte) 0xc3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    private static byte[] truncated() {
        final byte[] whole = MessageCodec.encode(new Accept(1, 2, new Ballot(1, 1), 1, Messages.TWO));
        final byte[] cut = new byte[whole.length - 3];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        return cut;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnvelopes")
    void malformed_input_is_refused_naming_the_problem(String what, byte[] bytes, String expected) {
        assertThatThrownBy(() -> MessageCodec.decode(bytes))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(expected);
    }
}
