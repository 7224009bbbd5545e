package io.spaxos.server.redis;

import static io.spaxos.server.redis.Resp.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.socket.SocketChannel;
import io.spaxos.core.Outcome;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.config.ReadMode;
import io.spaxos.server.TcpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection handler behind a real server on a loopback port, in front of a fake replica. */
class RedisHandlerTest {

    private static final RedisServer.Limits LIMITS = RedisServer.Limits.forLog(256 << 10);

    private final FakeReplica replica = new FakeReplica();
    private final List<RedisServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(RedisServer::close);
    }

    private RawClient client(ReadMode readMode, RedisServer.Limits limits) throws IOException {
        final RedisServer server = RedisServer.start(replica, replica.kv, readMode, limits,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers.add(server);
        return new RawClient(server.address());
    }

    private RawClient client() throws IOException {
        return client(ReadMode.LINEARIZABLE, LIMITS);
    }

    /** The fake's proposals, read on the event loop that made them: wait for them by condition. */
    private void awaitProposals(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> proposedCount() >= n);
    }

    private int proposedCount() {
        synchronized (replica) {
            return replica.proposed.size();
        }
    }

    @Test
    void a_pipeline_in_one_write_is_one_log_entry_with_replies_in_order() throws Exception {
        try (RawClient c = client()) {
            c.send(command("SET", "a", "1") + command("PING") + command("INCR", "a") + command("GET", "a")
                    + command("ECHO", "x"));

            assertThat(c.replies(5)).isEqualTo("+OK\r\n+PONG\r\n:2\r\n$1\r\n2\r\n$1\r\nx\r\n");
        }
        assertThat(replica.proposed).hasSize(1);
        assertThat(replica.proposed.get(0).commands()).hasSize(3);
    }

    @Test
    void the_next_group_is_proposed_only_when_the_previous_has_its_outcome() throws Exception {
        replica.mode = FakeReplica.Mode.HOLD;
        try (RawClient c = client()) {
            c.send(command("SET", "a", "1"));
            awaitProposals(1);
            c.send(command("SET", "a", "2") + command("GET", "a"));
            c.send("PING\r\n");
            // PING is answered locally, but only after the commands before it.
            Thread.sleep(200); // give a wrong second proposal the chance to appear
            assertThat(proposedCount()).isEqualTo(1);

            final FakeReplica.Proposed first = replica.proposed.get(0);
            first.result().complete(new ProposalResult<>(Outcome.chosen(first.reqid(), 1), List.of(Reply.OK)));
            assertThat(c.replies(1)).isEqualTo("+OK\r\n");
            awaitProposals(2);
            assertThat(replica.proposed.get(1).commands()).hasSize(2);

            final FakeReplica.Proposed second = replica.proposed.get(1);
            second.result().complete(new ProposalResult<>(Outcome.chosen(second.reqid(), 2),
                    List.of(Reply.OK, Reply.bulk("2"))));
            assertThat(c.replies(3)).isEqualTo("+OK\r\n$1\r\n2\r\n+PONG\r\n");
        }
    }

    @Test
    void an_unknown_outcome_is_tryagain_and_a_refusal_is_a_distinct_not_applied_error() throws Exception {
        try (RawClient c = client()) {
            replica.mode = FakeReplica.Mode.UNKNOWN;
            assertThat(c.send(command("SET", "a", "1")).replies(1))
                    .isEqualTo("-TRYAGAIN outcome unknown (the command may or may not have been applied): no quorum\r\n");

            replica.mode = FakeReplica.Mode.NOT_CHOSEN;
            assertThat(c.send(command("SET", "a", "1")).replies(1)).isEqualTo("-ERR not applied: queue full\r\n");

            replica.mode = FakeReplica.Mode.APPLY;
            assertThat(c.send(command("PING")).replies(1)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void a_chosen_entry_without_an_answer_says_it_was_applied() {
        final Reply reply = RedisHandler.replyFor(new ProposalResult<>(Outcome.chosen("r", 9), null), 0, 1);

        assertThat(Resp.encoded(reply)).startsWith("-ERR applied at log entry 9, but its reply is not available");
    }

    @Test
    void unknown_commands_and_wrong_arity_get_redis_errors_and_the_connection_stays_open() throws Exception {
        try (RawClient c = client()) {
            c.send(command("FOO", "a", "b") + command("GET") + command("PING", "a", "b") + command("PING"));

            assertThat(c.replies(4)).isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n"
                    + "-ERR wrong number of arguments for 'get' command\r\n"
                    + "-ERR wrong number of arguments for 'ping' command\r\n"
                    + "+PONG\r\n");
        }
        assertThat(replica.proposed).isEmpty();
    }

    @Test
    void a_protocol_error_is_answered_after_earlier_replies_and_then_the_connection_closes() throws Exception {
        try (RawClient c = client()) {
            c.send(command("SET", "a", "1") + "*1\r\n$x\r\n" + command("PING"));

            assertThat(c.replies(2)).isEqualTo("+OK\r\n-ERR Protocol error: invalid bulk length\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void an_oversized_request_is_refused_and_the_connection_closes() throws Exception {
        try (RawClient c = client(ReadMode.LINEARIZABLE, new RedisServer.Limits(1 << 20, 4096, 256 << 10, 100))) {
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000\r\n");

            assertThat(c.replies(1)).startsWith("-ERR Protocol error: request of more than 4096 bytes");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void quit_answers_ok_and_closes() throws Exception {
        try (RawClient c = client()) {
            c.send("PING\r\nQUIT\r\nPING\r\n");

            assertThat(c.replies(2)).isEqualTo("+PONG\r\n+OK\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void a_command_too_large_for_one_log_entry_is_refused_and_the_connection_stays_open() throws Exception {
        try (RawClient c = client(ReadMode.LINEARIZABLE, RedisServer.Limits.forLog(1000))) {
            c.send(command("SET", "a", "v".repeat(2000)) + command("SET", "a", "small"));

            assertThat(c.replies(2)).matches("(?s)-ERR command of about \\d+ bytes is larger than one log entry "
                    + "can hold \\(1000 bytes.*\r\n\\+OK\r\n");
        }
    }

    @Test
    void a_long_pipeline_is_split_into_entries_that_fit_the_log() throws Exception {
        final StringBuilder pipeline = new StringBuilder();
        final StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            pipeline.append(command("INCR", "n"));
            expected.append(':').append(i).append("\r\n");
        }
        try (RawClient c = client(ReadMode.LINEARIZABLE, RedisServer.Limits.forLog(1000))) {
            c.send(pipeline.toString());

            assertThat(c.replies(100)).isEqualTo(expected.toString());
        }
        assertThat(replica.proposed.size()).isGreaterThan(1);
    }

    @Test
    void in_local_read_mode_reads_skip_the_log_and_see_this_connections_writes() throws Exception {
        try (RawClient c = client(ReadMode.LOCAL, LIMITS)) {
            c.send(command("SET", "a", "1") + command("GET", "a") + command("MGET", "a", "b") + command("DBSIZE"));

            assertThat(c.replies(4)).isEqualTo("+OK\r\n$1\r\n1\r\n*2\r\n$1\r\n1\r\n$-1\r\n:1\r\n");
        }
        assertThat(replica.proposed).hasSize(1);
    }

    @Test
    void in_linearizable_mode_every_read_goes_through_the_log() throws Exception {
        try (RawClient c = client()) {
            c.send(command("GET", "a")).replies(1);
            c.send(command("EXISTS", "a")).replies(1);
            c.send(command("DBSIZE")).replies(1);
        }
        assertThat(replica.proposed).hasSize(3);
    }

    @Test
    void reqids_are_unique_per_entry_and_name_the_node() throws Exception {
        try (RawClient c = client()) {
            c.send(command("INCR", "n")).replies(1);
            c.send(command("INCR", "n")).replies(1);
        }
        assertThat(replica.proposed).extracting(FakeReplica.Proposed::reqid)
                .allMatch(r -> r.matches("kv\\.1\\.[0-9a-z-]+\\.[12]")).doesNotHaveDuplicates();
    }

    @Test
    void past_the_pending_limit_the_connection_stops_reading_until_replies_drain() throws Exception {
        replica.mode = FakeReplica.Mode.HOLD;
        final Info info = new Info(replica, replica.kv, ReadMode.LINEARIZABLE);
        final Commands commands = new Commands(ReadMode.LINEARIZABLE, replica.kv, new ServerCommands(info));
        final RedisServer.Limits limits = new RedisServer.Limits(1 << 20, 1 << 20, 256 << 10, 1);
        final AtomicReference<SocketChannel> accepted = new AtomicReference<>();
        // The server's own pipeline, built here so the test can see the connection's auto-read flag.
        try (TcpServer server = TcpServer.listen("redis port", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                1, ch -> {
                    ch.pipeline().addLast(new RespDecoder(limits.maxBulkBytes(), limits.maxBufferedBytes()),
                            new RespEncoder(), new RedisHandler(commands, replica, new ReqIds(1, 7), limits));
                    accepted.set(ch);
                });
             RawClient c = new RawClient(server.address())) {
            c.send(command("INCR", "n"));
            awaitProposals(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !accepted.get().config().isAutoRead());

            final FakeReplica.Proposed first = replica.proposed.get(0);
            first.result().complete(new ProposalResult<>(Outcome.chosen(first.reqid(), 1), List.of(new Reply.Int(1))));

            assertThat(c.replies(1)).isEqualTo(":1\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get().config().isAutoRead());
        }
    }
}
