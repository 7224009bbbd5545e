package io.spaxos.node.config;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * One entry of {@code "groups"}: a replica of the group.
 *
 * @param id        node id, in {@code 1..CoreConfig.MAX_NODE_ID}
 * @param host      IP literal or host name the replica listens on
 * @param peerPort  replica-to-replica port (the seed's {@code "port"})
 * @param redisPort RESP port of the key-value server, if it runs one
 * @param linePort  port of the seed's line protocol ({@code PROP reqid value}), if it runs one
 */
public record Member(int id, String host, int peerPort, OptionalInt redisPort, OptionalInt linePort) {

    /** Resolves {@code host} now (a name lookup for host names). */
    public InetSocketAddress peerAddress() {
        return new InetSocketAddress(host, peerPort);
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + peerPort;
    }
}
