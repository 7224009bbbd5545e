package io.spaxos.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.Bytes;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Forward;
import io.spaxos.core.msg.ForwardReject;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.HeartbeatReply;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MessageCodecPropertyTest {

    @Property(tries = 2000)
    void any_message_decodes_to_what_was_encoded(@ForAll("messages") Message m) throws Exception {
        assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
    }

    @Property(tries = 2000)
    void random_bytes_give_a_valid_message_or_a_malformed_message_error_and_nothing_else(
            @ForAll byte[] bytes) {
        try {
            final Message m = MessageCodec.decode(bytes);
            assertThat(m.from()).isBetween(1, CoreConfig.MAX_NODE_ID);
            assertThat(m.to()).isBetween(1, CoreConfig.MAX_NODE_ID);
        } catch (MalformedMessageException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void a_message_with_one_byte_flipped_never_throws_anything_but_malformed(
            @ForAll("messages") Message m, @ForAll int position, @ForAll byte mask) {
        final byte[] bytes = MessageCodec.encode(m);
        if (bytes.length > 0) {
            bytes[Math.floorMod(position, bytes.length)] ^= mask;
        }
        try {
            MessageCodec.decode(bytes);
        } catch (MalformedMessageException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static Arbitrary<Integer> nodes() {
        return Arbitraries.integers().between(1, CoreConfig.MAX_NODE_ID);
    }

    private static Arbitrary<Long> indexes() {
        return Arbitraries.longs().greaterOrEqual(0);
    }

    private static Arbitrary<Ballot> ballots() {
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.integers().between(0, CoreConfig.MAX_NODE_ID)).as(Ballot::new);
    }

    private static Arbitrary<String> texts() {
        // Any Unicode text but lone surrogates, which no UTF-8 encoder can carry.
        return Arbitraries.strings().all().ofMaxLength(24)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    }

    private static Arbitrary<Batch> batches() {
        final Arbitrary<Proposal> proposals = Combinators.combine(texts(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48).map(Bytes::wrap)).as(Proposal::new);
        return proposals.list().ofMaxSize(4).map(Batch::new);
    }

    @Provide
    Arbitrary<Message> messages() {
        final Arbitrary<Promise.Vote> votes = Combinators.combine(indexes(), ballots(), batches(),
                Arbitraries.of(true, false)).as(Promise.Vote::new);
        final Arbitrary<Learn.Chosen> chosen = Combinators.combine(indexes(), batches()).as(Learn.Chosen::new);
        final Arbitrary<ForwardReject.Ref> refs = Combinators.combine(texts(), Arbitraries.longs())
                .as(ForwardReject.Ref::new);
        final Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                Combinators.combine(nodes(), nodes(), ballots(), indexes()).as(Prepare::new),
                Combinators.combine(nodes(), nodes(), ballots(), flags, ballots(), indexes(), votes.list().ofMaxSize(3))
                        .as(Promise::new),
                Combinators.combine(nodes(), nodes(), ballots(), indexes(), batches()).as(Accept::new),
                Combinators.combine(nodes(), nodes(), ballots(), indexes(), flags, ballots(), indexes())
                        .as(Accepted::new),
                Combinators.combine(nodes(), nodes(), ballots(), indexes()).as(Commit::new),
                Combinators.combine(nodes(), nodes(), ballots(), indexes()).as(Heartbeat::new),
                Combinators.combine(nodes(), nodes(), ballots(), flags, ballots(), indexes()).as(HeartbeatReply::new),
                Combinators.combine(nodes(), nodes(), indexes(), indexes()).as(CatchupRequest::new),
                Combinators.combine(nodes(), nodes(), chosen.list().ofMaxSize(3)).as(Learn::new),
                Combinators.combine(nodes(), nodes(), Arbitraries.longs(), ballots(), batches().map(Batch::proposals))
                        .as(Forward::new),
                Combinators.combine(nodes(), nodes(), refs.list().ofMaxSize(3), flags, texts())
                        .as(ForwardReject::new));
    }
}
