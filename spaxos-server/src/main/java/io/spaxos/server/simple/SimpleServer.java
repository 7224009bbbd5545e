package io.spaxos.server.simple;

import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.spaxos.core.ChosenEntry;
import io.spaxos.node.ReplicaNode;
import io.spaxos.server.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The line-protocol server (simplesvr's, and the demo's port 700x) on one replica. */
public final class SimpleServer implements AutoCloseable {

    private static final Logger CHOSEN_LOG = LoggerFactory.getLogger("spaxos.chosen");
    static final int MAX_LINE_BYTES = 1 << 20;
    /** simplesvr's budget of recent entries kept for GET: a few seconds of its writes at full speed. */
    private static final long RECENT_ENTRY_BYTES = 16L << 20;
    private static final int LOGGED_VALUE_CHARS = 200;

    private final TcpServer server;

    private SimpleServer(TcpServer server) {
        this.server = server;
    }

    /** Entries to keep for GET, fed by {@link #onChosen}. */
    public static final class Log {
        private final RecentEntries recent;

        public Log() {
            this(RECENT_ENTRY_BYTES);
        }

        /** @param recentBytes how much of the latest entries to keep in memory; GET reads older ones from the log */
        public Log(long recentBytes) {
            this.recent = new RecentEntries(recentBytes);
        }

        /** Logs each chosen entry at info, as the seed's server did, and keeps it for GET. */
        public void onChosen(ChosenEntry entry) {
            recent.add(entry);
            if (CHOSEN_LOG.isInfoEnabled()) {
                final String value = entry.value().utf8();
                CHOSEN_LOG.info("chosen index={} reqid={} value={}", entry.index(), entry.reqid(),
                        value.length() <= LOGGED_VALUE_CHARS ? value : value.substring(0, LOGGED_VALUE_CHARS) + "...");
            }
        }
    }

    public static SimpleServer start(ReplicaNode<?> node, Log log, InetSocketAddress address) throws IOException {
        final TcpServer server = TcpServer.listen("line port", address, 1, ch -> ch.pipeline()
                .addLast(new LineBasedFrameDecoder(MAX_LINE_BYTES, true, false))
                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                .addLast(new LineEncoder(LineSeparator.UNIX, StandardCharsets.UTF_8))
                .addLast(new ReplyFlow())
                .addLast(new LineProtocolHandler(node, log.recent)));
        return new SimpleServer(server);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
