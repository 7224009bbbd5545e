package io.spaxos.server;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps replies on one connection in request order, as a pipelining client expects, although
 * proposals complete in any order. A reply that reads state (a GET, a STATUS) is computed only
 * once every earlier command has its reply, so it sees their effects. Used on the connection's
 * event loop only.
 */
public final class OrderedReplies<T> {

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final int maxPending;

    public OrderedReplies(int maxPending) {
        this.maxPending = maxPending;
    }

    public boolean full() {
        return pending.size() >= maxPending;
    }

    /** Queues a reply that completes later (a proposal). */
    public void add(ChannelHandlerContext ctx, CompletableFuture<T> reply) {
        pending.add(reply);
        reply.whenComplete((r, e) -> ctx.executor().execute(() -> flush(ctx)));
    }

    /** Queues a reply computed when every earlier reply is done. */
    public void addAfterPrevious(ChannelHandlerContext ctx, Supplier<T> reply) {
        pending.add(reply);
        flush(ctx);
    }

    @SuppressWarnings("unchecked")
    private void flush(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!pending.isEmpty()) {
            final Object head = pending.peek();
            if (head instanceof CompletableFuture<?> future) {
                if (!future.isDone()) {
                    break;
                }
                ctx.write(future.join());
            } else {
                ctx.write(((Supplier<T>) head).get());
            }
            pending.poll();
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }
}
