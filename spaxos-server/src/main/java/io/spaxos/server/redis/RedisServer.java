package io.spaxos.server.redis;

import io.spaxos.node.ReplicaNode;
import io.spaxos.node.config.ConfigException;
import io.spaxos.node.config.NodeConfig;
import io.spaxos.node.config.ReadMode;
import io.spaxos.server.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The Redis-protocol (RESP2) key-value server on one replica. Every replica of a group can run
 * one; all of them serve the same data. Reads and writes go through the log unless the config's
 * {@code read_mode} is {@code local} (see docs/KV.md).
 */
public final class RedisServer implements AutoCloseable {

    /**
     * Bounds on what one connection may make the server hold.
     *
     * @param maxBulkBytes       longest bulk string accepted (Redis's proto-max-bulk-len)
     * @param maxBufferedBytes   bytes of a partly received command, and of commands queued for the log
     * @param maxEntryBytes      largest log entry: the log's batch limit
     * @param maxPendingCommands unanswered commands before the connection stops reading
     */
    public record Limits(long maxBulkBytes, long maxBufferedBytes, int maxEntryBytes, int maxPendingCommands) {

        static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;
        static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;

        public static Limits forLog(int maxEntryBytes) {
            return new Limits(RespDecoder.DEFAULT_MAX_BULK_BYTES, DEFAULT_MAX_BUFFERED_BYTES, maxEntryBytes,
                    DEFAULT_MAX_PENDING_COMMANDS);
        }
    }

    private static final int IO_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private final TcpServer server;

    private RedisServer(TcpServer server) {
        this.server = server;
    }

    /** Serves {@code node}, whose state machine is {@code kv}, on {@code address}. */
    public static RedisServer start(ReplicaNode<List<Reply>> node, KvStateMachine kv, NodeConfig config,
                                    InetSocketAddress address) throws IOException, ConfigException {
        return start(Replica.of(node), kv, config.readMode(), Limits.forLog(config.toCoreConfig().maxBatchBytes()),
                address);
    }

    static RedisServer start(Replica replica, KvStateMachine kv, ReadMode readMode, Limits limits,
                             InetSocketAddress address) throws IOException {
        final Info info = new Info(replica, kv, readMode);
        final Commands commands = new Commands(readMode, kv, new ServerCommands(info));
        final ReqIds reqIds = new ReqIds(replica.id());
        final TcpServer server = TcpServer.listen("redis port", address, IO_THREADS, ch -> ch.pipeline()
                .addLast(new RespDecoder(limits.maxBulkBytes(), limits.maxBufferedBytes()))
                .addLast(new RespEncoder())
                .addLast(new RedisHandler(commands, replica, reqIds, limits)));
        info.port(server.address().getPort());
        return new RedisServer(server);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
