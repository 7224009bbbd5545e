package io.spaxos.node.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty transport the network threads use: native epoll where Netty ships it for this
 * platform, Java NIO elsewhere. Epoll wakes a thread and reads a socket with fewer system calls
 * than NIO's selector, and a replica's network threads do little else. {@code
 * -Dspaxos.netty.transport=nio} forces NIO (to rule the native library out when diagnosing).
 */
public final class EventLoops {

    static final String PROPERTY = "spaxos.netty.transport";
    private static final boolean EPOLL = !"nio".equals(System.getProperty(PROPERTY)) && Epoll.isAvailable();

    private EventLoops() {
    }

    /** "epoll" or "nio". */
    public static String transportName() {
        return EPOLL ? "epoll" : "nio";
    }

    public static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return EPOLL ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
