package io.spaxos.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Message;
import io.spaxos.node.wire.Handshake;
import io.spaxos.node.wire.MessageCodec;
import io.spaxos.node.wire.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboundHandlerTest {

    private final List<Message> delivered = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new InboundHandler(1, "c", Set.of(2, 3), delivered::add, new TransportCounters()));

    @Test
    void messages_of_one_read_are_handed_on_together_when_the_read_completes() {
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new Handshake("c", 2, Handshake.PROTOCOL_VERSION).encode()));
        final Commit commit = new Commit(2, 1, Messages.B, 8);
        final Accept accept = new Accept(2, 1, Messages.B, 9, Messages.TWO);
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(MessageCodec.encode(commit)));
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(MessageCodec.encode(accept)));

        assertThat(delivered).as("decoded, held until the read completes").isEmpty();

        channel.pipeline().fireChannelReadComplete();
        assertThat(delivered).containsExactly(commit, accept);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void a_long_read_hands_messages_on_in_bounded_groups() {
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new Handshake("c", 3, Handshake.PROTOCOL_VERSION).encode()));
        for (int i = 0; i < InboundHandler.MAX_HELD_MESSAGES + 1; i++) {
            channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(MessageCodec.encode(new Commit(3, 1, Messages.B, i))));
        }

        assertThat(delivered).hasSize(InboundHandler.MAX_HELD_MESSAGES);
        channel.pipeline().fireChannelReadComplete();
        assertThat(delivered).hasSize(InboundHandler.MAX_HELD_MESSAGES + 1);
    }

    @Test
    void messages_held_when_the_connection_closes_are_still_handed_on() {
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new Handshake("c", 2, Handshake.PROTOCOL_VERSION).encode()));
        final Commit commit = new Commit(2, 1, Messages.B, 8);
        channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(MessageCodec.encode(commit)));

        channel.close();

        assertThat(delivered).containsExactly(commit);
    }
}
