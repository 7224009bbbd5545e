package io.spaxos.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spaxos.node.transport.EventLoops;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A client-facing TCP listener on Netty, with a clear error when its port is taken. */
public final class TcpServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private TcpServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Listens on {@code address}; {@code pipeline} sets up each accepted connection.
     *
     * @param what names the service in error messages, e.g. "redis port"
     */
    public static TcpServer listen(String what, InetSocketAddress address, int workerThreads,
                                   Consumer<SocketChannel> pipeline) throws IOException {
        final EventLoopGroup boss = EventLoops.group(1, new DefaultThreadFactory(what.replace(' ', '-') + "-accept", true));
        final EventLoopGroup workers = EventLoops.group(workerThreads,
                new DefaultThreadFactory(what.replace(' ', '-') + "-io", true));
        final ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch);
                    }
                })
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            final Throwable cause = bound.cause();
            if (cause instanceof BindException) {
                throw new IOException(what + " " + address.getPort() + " on " + address.getHostString()
                        + " is already in use (or not available): " + cause.getMessage(), cause);
            }
            throw new IOException("cannot listen on " + what + " " + address + ": " + cause, cause);
        }
        return new TcpServer(boss, workers, bound.channel());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
