package io.spaxos.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class EventLoopsTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void the_native_epoll_transport_is_packaged_and_used_on_linux_x86_64() throws Exception {
        assertThat(Epoll.isAvailable()).as("native epoll loads: %s", Epoll.unavailabilityCause()).isTrue();
        assertThat(EventLoops.transportName()).isEqualTo("epoll");

        final EventLoopGroup group = EventLoops.group(1, new DefaultThreadFactory("event-loops-test", true));
        try {
            assertThat(group.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
                    .startsWith("event-loops-test");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
