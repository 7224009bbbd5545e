package io.spaxos.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.Bytes;
import io.spaxos.core.Proposal;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {

    private static final String CLUSTER = "transport-test";
    private static final int MAX_FRAME_BYTES = 64 << 10;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Ballot B = new Ballot(1, 1);

    private final List<AutoCloseable> open = new ArrayList<>();
    private int port1;
    private int port2;
    private int port3;
    private final List<Message> at1 = new CopyOnWriteArrayList<>();
    private final List<Message> at2 = new CopyOnWriteArrayList<>();

    @BeforeEach
    void pickPorts() {
        port1 = TestPorts.next();
        port2 = TestPorts.next();
        port3 = TestPorts.next();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (final AutoCloseable c : open) {
            c.close();
        }
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private PeerTransport started(int id, String cluster, int port, Consumer<Message> inbound) throws IOException {
        final Map<Integer, InetSocketAddress> peers = Map.of(1, local(port1), 2, local(port2), 3, local(port3));
        final PeerTransport t = new PeerTransport(id, cluster, peers, local(port), MAX_FRAME_BYTES, inbound);
        open.add(t);
        t.start();
        return t;
    }

    private PeerTransport node1() throws IOException {
        return started(1, CLUSTER, port1, at1::add);
    }

    private PeerTransport node2() throws IOException {
        return started(2, CLUSTER, port2, at2::add);
    }

    private RawPeer rawTo(int port) throws IOException {
        final RawPeer raw = new RawPeer(port);
        open.add(raw);
        return raw;
    }

    /** Sends until it arrives: a transport drops messages while its connection is still being set up. */
    private static void sendUntilReceived(PeerTransport from, Message m, List<Message> inbox) {
        await().atMost(DEADLINE).until(() -> {
            from.send(m);
            return inbox.contains(m);
        });
    }

    @Test
    void two_transports_exchange_messages_both_ways() throws IOException {
        final PeerTransport one = node1();
        final PeerTransport two = node2();
        await().atMost(DEADLINE).until(() -> one.isConnected(2) && two.isConnected(1));

        final Prepare prepare = new Prepare(1, 2, B, 1);
        final Heartbeat reply = new Heartbeat(2, 1, B, 7);
        one.send(prepare);
        two.send(reply);

        await().atMost(DEADLINE).until(() -> at2.contains(prepare) && at1.contains(reply));
        assertThat(one.stats().messagesSent()).isEqualTo(1);
        assertThat(two.stats().messagesReceived()).isEqualTo(1);
    }

    @Test
    void messages_sent_together_arrive_in_order() throws IOException {
        final PeerTransport one = node1();
        node2();
        await().atMost(DEADLINE).until(() -> one.isConnected(2));
        final List<Message> batch = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            batch.add(new Accept(1, 2, B, i, new Batch(List.of(Proposal.of("r" + i, "v" + i)))));
        }

        one.sendAll(batch);

        await().atMost(DEADLINE).until(() -> at2.size() == batch.size());
        assertThat(at2).containsExactlyElementsOf(batch);
    }

    @Test
    void a_message_to_self_is_delivered_on_the_network_thread() throws IOException {
        final List<String> threads = new CopyOnWriteArrayList<>();
        final PeerTransport one = started(1, CLUSTER, port1, m -> {
            threads.add(Thread.currentThread().getName());
            at1.add(m);
        });
        final Prepare toSelf = new Prepare(1, 1, B, 1);

        one.send(toSelf);

        await().atMost(DEADLINE).until(() -> at1.contains(toSelf));
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0)).startsWith("spaxos-nt-1-");
    }

    @Test
    void a_message_to_a_peer_that_is_down_is_dropped_and_counted() throws IOException {
        final PeerTransport one = node1();

        one.send(new Prepare(1, 3, B, 1));

        assertThat(one.stats().droppedDisconnected()).isEqualTo(1);
    }

    @Test
    void a_message_larger_than_the_frame_limit_is_not_sent() throws IOException {
        final PeerTransport one = node1();
        node2();
        await().atMost(DEADLINE).until(() -> one.isConnected(2));
        final Batch huge = new Batch(List.of(new Proposal("big", Bytes.wrap(new byte[MAX_FRAME_BYTES]))));

        one.send(new Accept(1, 2, B, 1, huge));

        assertThat(one.stats().droppedOversized()).isEqualTo(1);
        sendUntilReceived(one, new Prepare(1, 2, B, 1), at2);
    }

    @Test
    void a_peer_of_another_cluster_is_refused() throws IOException {
        final PeerTransport two = node2();
        final PeerTransport stranger = started(1, "other-cluster", port1, at1::add);

        try (RawPeer raw = rawTo(port2).handshake("other-cluster", 1)) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        stranger.send(new Prepare(1, 2, B, 1));
        await().atMost(DEADLINE).until(() -> two.stats().connectionsRejected() >= 2);
        assertThat(at2).isEmpty();
    }

    @Test
    void a_connection_from_an_unknown_node_is_refused() throws IOException {
        final PeerTransport two = node2();

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 9)) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(two.stats().connectionsRejected()).isEqualTo(1);
    }

    @Test
    void a_connection_claiming_to_be_this_node_is_refused() throws IOException {
        node2();

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 2)) {
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void garbage_bytes_close_that_connection_and_good_peers_keep_working() throws IOException {
        final PeerTransport one = node1();
        final PeerTransport two = node2();

        try (RawPeer raw = rawTo(port2).raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        try (RawPeer raw = rawTo(port2).frame("hello".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(raw.closedByPeer()).isTrue();
        }

        sendUntilReceived(one, new Prepare(1, 2, B, 1), at2);
        assertThat(two.stats().connectionsRejected()).isEqualTo(2);
    }

    @Test
    void a_malformed_message_after_a_good_handshake_closes_the_connection() throws IOException {
        node2();

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 1).frame(new byte[] {8, 0})) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(at2).isEmpty();
    }

    @Test
    void an_oversized_frame_closes_the_connection_before_it_is_read() throws IOException {
        final PeerTransport two = node2();

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 1)
                .raw(new byte[] {0, (byte) ((MAX_FRAME_BYTES + 1) >>> 16), 0, 1})) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(two.stats().connectionsRejected()).isEqualTo(1);
    }

    @Test
    void a_negative_frame_length_closes_the_connection() throws IOException {
        node2();

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 1).raw(new byte[] {(byte) 0xff, 0, 0, 0})) {
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void a_message_claiming_another_sender_than_the_handshake_is_dropped() throws IOException {
        final PeerTransport two = node2();
        final Prepare forged = new Prepare(3, 2, B, 1);
        final Prepare genuine = new Prepare(1, 2, B, 2);

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 1).message(forged).message(genuine)) {
            await().atMost(DEADLINE).until(() -> at2.contains(genuine));
        }
        assertThat(at2).containsExactly(genuine);
        assertThat(two.stats().droppedMisaddressed()).isEqualTo(1);
    }

    @Test
    void a_message_for_another_node_is_dropped() throws IOException {
        final PeerTransport two = node2();
        final Prepare misrouted = new Prepare(1, 3, B, 1);
        final Prepare genuine = new Prepare(1, 2, B, 2);

        try (RawPeer raw = rawTo(port2).handshake(CLUSTER, 1).message(misrouted).message(genuine)) {
            await().atMost(DEADLINE).until(() -> at2.contains(genuine));
        }
        assertThat(at2).containsExactly(genuine);
        assertThat(two.stats().droppedMisaddressed()).isEqualTo(1);
    }

    @Test
    void the_transport_reconnects_after_the_peer_restarts() throws IOException {
        final PeerTransport one = node1();
        final PeerTransport firstTwo = node2();
        sendUntilReceived(one, new Prepare(1, 2, B, 1), at2);

        firstTwo.close();
        await().atMost(DEADLINE).until(() -> !one.isConnected(2));
        final List<Message> atSecondTwo = new CopyOnWriteArrayList<>();
        started(2, CLUSTER, port2, atSecondTwo::add);

        sendUntilReceived(one, new Prepare(1, 2, B, 2), atSecondTwo);
        assertThat(one.stats().droppedDisconnected()).isPositive();
    }

    @Test
    void messages_beyond_the_high_water_mark_of_a_stalled_peer_are_dropped_and_counted() throws IOException {
        // A "peer" that accepts the connection and never reads: the kernel buffers fill, then ours.
        final ServerSocket stalled = new ServerSocket(port2, 1, InetAddress.getLoopbackAddress());
        open.add(stalled);
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(() -> {
            try {
                accepted.add(stalled.accept());
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.start();
        final PeerTransport one = node1();
        await().atMost(DEADLINE).until(() -> one.isConnected(2));
        final Accept big = new Accept(1, 2, B, 1,
                new Batch(List.of(new Proposal("big", Bytes.wrap(new byte[MAX_FRAME_BYTES - 100])))));

        // Awaitility polls every 100 ms; a burst per poll fills the buffers within a few polls.
        await().atMost(DEADLINE).until(() -> {
            for (int i = 0; i < 64; i++) {
                one.send(big);
            }
            return one.stats().droppedOverflow() > 0;
        });
        assertThat(one.stats().messagesSent() * big.value().sizeBytes())
                .as("bytes accepted for the stalled peer: kernel socket buffers plus our high-water mark")
                .isLessThan(128L << 20);
        for (final Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void starting_on_a_port_in_use_fails_naming_the_address() throws IOException {
        node2();
        final PeerTransport second = new PeerTransport(2, CLUSTER, Map.of(1, local(port1)), local(port2),
                MAX_FRAME_BYTES, m -> { });
        open.add(second);

        assertThatThrownBy(second::start)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("node 2 cannot listen on " + local(port2));
    }

    @Test
    void sending_before_start_is_a_programming_error() {
        final PeerTransport notStarted = new PeerTransport(1, CLUSTER, Map.of(2, local(port2)), local(port1),
                MAX_FRAME_BYTES, m -> { });
        open.add(notStarted);

        assertThatThrownBy(() -> notStarted.send(new Prepare(1, 2, B, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("node 1's transport is not started");
    }
}
