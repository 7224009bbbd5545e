package io.spaxos.server.redis;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.spaxos.core.Outcome;
import io.spaxos.node.ProposalResult;
import io.spaxos.server.OrderedReplies;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Replies go out in command order ({@link OrderedReplies}). Key-value
 * commands go through the log in groups: the commands waiting on this connection become one log
 * entry, and the next group is proposed only when the previous one has its outcome. So a
 * connection's commands are applied in the order it sent them, even across a change of master
 * (two entries in flight at once could be placed in either order), and a pipeline of many
 * commands costs one log entry, not one each.
 *
 * <p>Runs on the connection's event loop only. Memory is bounded: past {@code maxPendingCommands}
 * unanswered commands the connection stops reading until replies drain.
 */
final class RedisHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHandler.class);
    /** Commands in one log entry at most; more wait for the next entry. */
    static final int MAX_GROUP_COMMANDS = 4096;
    /** Room for the reqid and framing when a group is sized against the log's entry limit. */
    private static final int ENTRY_OVERHEAD_BYTES = 128;

    private record Queued(KvCommand command, long sizeBytes, CompletableFuture<Reply> reply) {
    }

    private final Commands commands;
    private final Replica replica;
    private final ReqIds reqIds;
    private final RedisServer.Limits limits;
    private final OrderedReplies<Reply> replies;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private long queuedBytes;
    private int unanswered;
    private boolean inFlight;
    private boolean closing;
    private Session session;

    RedisHandler(Commands commands, Replica replica, ReqIds reqIds, RedisServer.Limits limits) {
        this.commands = commands;
        this.replica = replica;
        this.reqIds = reqIds;
        this.limits = limits;
        this.replies = new OrderedReplies<>(limits.maxPendingCommands());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new Session(String.valueOf(ctx.channel().remoteAddress()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof RespDecoder.ProtocolError error) {
            close(ctx, Reply.error(error.message()));
        } else if (msg instanceof RespDecoder.Command command) {
            handle(ctx, commands.dispatch(command.args(), session));
        }
        if (overloaded()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** The end of one read: every command it held is queued, so they can share one log entry. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        proposeNext(ctx);
        ctx.fireChannelReadComplete();
    }

    private void handle(ChannelHandlerContext ctx, Action action) {
        if (action instanceof Action.Now now) {
            replies.addAfterPrevious(ctx, now::reply);
        } else if (action instanceof Action.Later later) {
            replies.addAfterPrevious(ctx, later.reply());
        } else if (action instanceof Action.Close close) {
            close(ctx, close.reply());
        } else if (action instanceof Action.Log log) {
            if (log.sizeBytes() + ENTRY_OVERHEAD_BYTES > limits.maxEntryBytes()) {
                replies.addAfterPrevious(ctx, () -> Reply.error("ERR command of about " + log.sizeBytes()
                        + " bytes is larger than one log entry can hold (" + limits.maxEntryBytes()
                        + " bytes; a larger max_frame_bytes in the config allows larger entries)"));
                return;
            }
            final CompletableFuture<Reply> reply = new CompletableFuture<>();
            replies.add(ctx, reply);
            queued.add(new Queued(log.command(), log.sizeBytes(), reply));
            queuedBytes += log.sizeBytes();
            unanswered++;
        }
    }

    private void close(ChannelHandlerContext ctx, Reply last) {
        closing = true;
        ctx.channel().config().setAutoRead(false);
        replies.addAfterPrevious(ctx, () -> new Reply.CloseAfter(last));
    }

    private void proposeNext(ChannelHandlerContext ctx) {
        if (inFlight || queued.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        final List<Queued> group = new ArrayList<>();
        long groupBytes = ENTRY_OVERHEAD_BYTES;
        while (!queued.isEmpty() && group.size() < MAX_GROUP_COMMANDS
                && groupBytes + queued.peek().sizeBytes() <= limits.maxEntryBytes()) {
            final Queued next = queued.poll();
            group.add(next);
            groupBytes += next.sizeBytes();
            queuedBytes -= next.sizeBytes();
        }
        final List<KvCommand> groupCommands = new ArrayList<>(group.size());
        group.forEach(q -> groupCommands.add(q.command()));
        inFlight = true;
        replica.propose(reqIds.next(), KvCodec.encode(groupCommands)).whenComplete((result, failure) ->
                ctx.executor().execute(() -> finish(ctx, group, result, failure)));
    }

    private void finish(ChannelHandlerContext ctx, List<Queued> group, ProposalResult<List<Reply>> result,
                        Throwable failure) {
        inFlight = false;
        unanswered -= group.size();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).reply().complete(failure != null
                    ? Reply.error("TRYAGAIN outcome unknown (the command may or may not have been applied): " + failure)
                    : replyFor(result, i, group.size()));
        }
        proposeNext(ctx);
        // After the replies just completed are written (their flushes are queued before this).
        ctx.executor().execute(() -> {
            if (!closing && !overloaded()) {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    /** The reply to the {@code i}th command of a group, from the group's outcome. */
    static Reply replyFor(ProposalResult<List<Reply>> result, int i, int groupSize) {
        final Outcome outcome = result.outcome();
        switch (outcome.kind()) {
            case CHOSEN: {
                final List<Reply> answers = result.answer();
                if (answers != null && answers.size() == groupSize) {
                    return answers.get(i);
                }
                return Reply.error("ERR applied at log entry " + outcome.index()
                        + ", but its reply is not available (the replica rebuilt its state, or the entry was a duplicate)");
            }
            case NOT_CHOSEN:
                return Reply.error("ERR not applied: " + outcome.reason());
            default:
                return Reply.error("TRYAGAIN outcome unknown (the command may or may not have been applied): "
                        + outcome.reason());
        }
    }

    private boolean overloaded() {
        return unanswered >= limits.maxPendingCommands() || replies.full()
                || queuedBytes >= limits.maxBufferedBytes();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("redis connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("redis connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
