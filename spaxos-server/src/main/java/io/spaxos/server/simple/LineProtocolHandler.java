package io.spaxos.server.simple;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.Outcome;
import io.spaxos.core.Status;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.ReplicaNode;
import io.spaxos.server.OrderedReplies;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's playground protocol, one command per line:
 * <pre>
 *   PROP &lt;reqid&gt; &lt;value&gt;   → CHOSEN &lt;index&gt; &lt;reqid&gt;   | ERR &lt;reason&gt;
 *   GET &lt;index&gt;              → VALUE &lt;index&gt; &lt;reqid&gt; &lt;value&gt; | ERR not chosen
 *   STATUS                   → STATUS id=.. master=.. role=.. chosen=.. applied=.. entries=..
 *   QUIT                     → closes the connection, after the replies to the commands before it
 * </pre>
 * A bad line gets {@code ERR <reason>} and the connection stays usable.
 *
 * <p>Replies wait in order behind pending proposals, so a client that sends faster than proposals
 * are chosen, or that does not read its replies, would grow the queue (or Netty's write buffer)
 * until the heap runs out. The connection stops reading while the queue is full or the socket is
 * not writable, and reads again once replies left ({@link ReplyFlow#FLUSHED}) or it is writable.
 */
final class LineProtocolHandler extends SimpleChannelInboundHandler<String> {

    private static final Logger LOG = LoggerFactory.getLogger(LineProtocolHandler.class);
    static final int MAX_REQID_CHARS = 256;
    static final int MAX_PENDING_PER_CONNECTION = 10_000;

    private final ReplicaNode<?> node;
    private final RecentEntries recent;
    /** Reply lines, and {@link ReplyFlow#QUIT} after the last of them. */
    private final OrderedReplies<Object> replies = new OrderedReplies<>(MAX_PENDING_PER_CONNECTION);
    /** After QUIT, lines already sent get no answer: the connection closes once earlier replies are out. */
    private boolean quitting;

    LineProtocolHandler(ReplicaNode<?> node, RecentEntries recent) {
        this.node = node;
        this.recent = recent;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String rawLine) {
        final String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        if (line.isBlank() || quitting) {
            return;
        }
        if (replies.full()) {
            // Lines decoded from the same read as the one that filled the queue: bounded by a read.
            reply(ctx, "ERR too many commands in flight on this connection (" + MAX_PENDING_PER_CONNECTION + ")");
            pauseIfBackedUp(ctx);
            return;
        }
        final int space = line.indexOf(' ');
        final String command = (space < 0 ? line : line.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
        final String args = space < 0 ? "" : line.substring(space + 1);
        switch (command) {
            case "PROP" -> prop(ctx, args);
            case "GET" -> replies.addAfterPrevious(ctx, () -> get(args.strip()));
            case "STATUS" -> replies.addAfterPrevious(ctx, this::status);
            case "QUIT" -> quit(ctx);
            default -> reply(ctx, "ERR unknown command '" + abbreviate(command) + "'; use PROP <reqid> <value>, GET <index> or STATUS");
        }
        pauseIfBackedUp(ctx);
    }

    private void pauseIfBackedUp(ChannelHandlerContext ctx) {
        if (replies.full() || !ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeIfRoom(ChannelHandlerContext ctx) {
        if (!quitting && !replies.full() && ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ReplyFlow.FLUSHED) {
            resumeIfRoom(ctx);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeIfRoom(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private void prop(ChannelHandlerContext ctx, String args) {
        final int space = args.indexOf(' ');
        final String reqid = space < 0 ? args : args.substring(0, space);
        final String value = space < 0 ? "" : args.substring(space + 1);
        if (reqid.isEmpty()) {
            reply(ctx, "ERR usage: PROP <reqid> <value>");
            return;
        }
        if (reqid.length() > MAX_REQID_CHARS) {
            reply(ctx, "ERR reqid longer than " + MAX_REQID_CHARS + " characters");
            return;
        }
        final CompletableFuture<Object> answer = node.propose(reqid, value.getBytes(StandardCharsets.UTF_8))
                .thenApply(LineProtocolHandler::describe);
        replies.add(ctx, answer);
    }

    static String describe(ProposalResult<?> result) {
        final Outcome o = result.outcome();
        return switch (o.kind()) {
            case CHOSEN -> "CHOSEN " + o.index() + " " + o.reqid();
            case NOT_CHOSEN -> "ERR not chosen: " + o.reason();
            case UNKNOWN -> "ERR timeout: " + o.reason();
        };
    }

    private String get(String arg) {
        final long index;
        try {
            index = Long.parseLong(arg);
        } catch (NumberFormatException e) {
            return "ERR usage: GET <index>, with a whole number index, not '" + abbreviate(arg) + "'";
        }
        if (index < 1) {
            return "ERR index must be >= 1";
        }
        try {
            Optional<ChosenEntry> entry = recent.get(index);
            if (entry.isEmpty()) {
                entry = node.entry(index);
            }
            return entry.map(e -> "VALUE " + e.index() + " " + e.reqid() + " " + e.value().utf8()).orElse("ERR not chosen");
        } catch (Exception e) {
            LOG.warn("GET {} failed: {}", index, e.getMessage());
            return "ERR cannot read the log: " + e.getMessage();
        }
    }

    private String status() {
        final Status s = node.status();
        return "STATUS id=" + s.self() + " master=" + (s.master() == 0 ? "none" : s.master())
                + " role=" + s.role().name().toLowerCase(java.util.Locale.ROOT)
                + " chosen=" + s.knownChosen() + " applied=" + s.appliedUpTo()
                + " entries=" + node.lastAppliedEntry() + " pending=" + s.pendingProposals()
                + node.failure().map(f -> " failed=\"" + f + "\"").orElse("");
    }

    private void quit(ChannelHandlerContext ctx) {
        quitting = true;
        ctx.channel().config().setAutoRead(false);
        replies.addAfterPrevious(ctx, () -> ReplyFlow.QUIT);
    }

    private void reply(ChannelHandlerContext ctx, String line) {
        replies.addAfterPrevious(ctx, () -> line);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // The rest of the over-long line is discarded by the decoder; the connection stays usable.
            reply(ctx, "ERR line longer than " + SimpleServer.MAX_LINE_BYTES + " bytes");
            return;
        }
        LOG.debug("line connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
