package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import io.spaxos.core.Status;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.ReplicaNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the Redis server needs of its replica; tests stand in for a running {@link ReplicaNode}. */
interface Replica {

    int id();

    Status status();

    long lastAppliedEntry();

    Optional<String> failure();

    /** Proposes {@code value}, which the caller hands over: it must not change the array afterwards. */
    CompletableFuture<ProposalResult<List<Reply>>> propose(String reqid, byte[] value);

    static Replica of(ReplicaNode<List<Reply>> node) {
        return new Replica() {
            @Override
            public int id() {
                return node.id();
            }

            @Override
            public Status status() {
                return node.status();
            }

            @Override
            public long lastAppliedEntry() {
                return node.lastAppliedEntry();
            }

            @Override
            public Optional<String> failure() {
                return node.failure();
            }

            @Override
            public CompletableFuture<ProposalResult<List<Reply>>> propose(String reqid, byte[] value) {
                // The codec's fresh array, which nothing else holds: handed over without a copy.
                return node.propose(reqid, Bytes.wrap(value));
            }
        };
    }
}
