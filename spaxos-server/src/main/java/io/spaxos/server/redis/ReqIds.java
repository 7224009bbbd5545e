package io.spaxos.server.redis;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reqids of this server's log entries: {@code kv.<node>.<incarnation>.<sequence>}. The
 * incarnation is random per start, so a restarted server never reuses the reqid of an entry it
 * proposed before (the sequence starts again at 1); the node id keeps replicas apart.
 */
final class ReqIds {

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();

    ReqIds(int nodeId) {
        this(nodeId, new SecureRandom().nextLong());
    }

    ReqIds(int nodeId, long incarnation) {
        this.prefix = "kv." + nodeId + "." + Long.toUnsignedString(incarnation, 36) + ".";
    }

    String next() {
        return prefix + sequence.incrementAndGet();
    }
}
