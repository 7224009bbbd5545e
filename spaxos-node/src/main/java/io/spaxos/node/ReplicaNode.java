package io.spaxos.node;

import io.spaxos.core.Bytes;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.Outcome;
import io.spaxos.core.Proposal;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Status;
import io.spaxos.node.config.ConfigException;
import io.spaxos.node.config.NodeConfig;
import io.spaxos.node.replica.Threads;
import io.spaxos.node.storage.RocksLogStorage;
import io.spaxos.node.transport.PeerTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running replica: the pure core driven by the seed's three threads (state machine, storage,
 * network) plus an apply thread that feeds the application. Start it from a config file's
 * {@link NodeConfig}; propose with {@link #propose}; every replica's {@link StateMachine} sees the
 * same entries in the same order.
 */
public final class ReplicaNode<R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);
    private static final int REPLAY_CHUNK_INSTANCES = 1024;

    private final NodeConfig config;
    private final RocksLogStorage storage;
    private final PeerTransport transport;
    private final Threads<R> threads;

    private ReplicaNode(NodeConfig config, RocksLogStorage storage, PeerTransport transport, Threads<R> threads) {
        this.config = config;
        this.storage = storage;
        this.transport = transport;
        this.threads = threads;
    }

    /** Starts a replica; {@code onChosen} sees each entry after it is applied (on the apply thread). */
    public static <R> ReplicaNode<R> start(NodeConfig config, StateMachine<R> stateMachine,
                                           Consumer<ChosenEntry> onChosen)
            throws ConfigException, LogStorage.StorageException, IOException {
        final CoreConfig coreConfig = config.toCoreConfig().withJitterSeed(System.nanoTime() ^ config.selfId());
        final RocksLogStorage storage = RocksLogStorage.open(config.nodeDataDir(), config.clusterId(), config.selfId());
        try {
            final RecoveredState recovered = storage.recover();
            replay(storage, recovered, stateMachine);
            final Threads<R> threads = new Threads<>(config.selfId(), coreConfig, config.tickMs(), recovered, storage, stateMachine, onChosen);
            final PeerTransport transport = new PeerTransport(config.selfId(), config.clusterId(),
                    config.peerAddresses(), bindAddress(config), config.maxFrameBytes(), threads::deliver);
            threads.connect(transport::sendAll);
            transport.start();
            threads.start();
            LOG.info("node {} started: {} entries replayed from {}, peers {}", config.selfId(), recovered.nextEntry() - 1,
                    config.nodeDataDir(), config.peerAddresses());
            return new ReplicaNode<>(config, storage, transport, threads);
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public static <R> ReplicaNode<R> start(NodeConfig config, StateMachine<R> stateMachine)
            throws ConfigException, LogStorage.StorageException, IOException {
        return start(config, stateMachine, entry -> { });
    }

    private static InetSocketAddress bindAddress(NodeConfig config) {
        return config.self().peerAddress();
    }

    /** Rebuilds the application from the applied log: it holds no state of its own across restarts. */
    private static <R> void replay(LogStorage storage, RecoveredState recovered, StateMachine<R> stateMachine)
            throws LogStorage.StorageException {
        long next = 1;
        while (next <= recovered.appliedUpTo()) {
            final List<HardState.Instance> chunk = storage.readApplied(next, recovered.appliedUpTo(), REPLAY_CHUNK_INSTANCES);
            if (chunk.isEmpty()) {
                throw new LogStorage.StorageException("applied instance " + next + " is missing from the log");
            }
            for (final HardState.Instance instance : chunk) {
                long entry = instance.firstEntry();
                for (final Proposal p : instance.value().proposals()) {
                    stateMachine.apply(new ChosenEntry(entry++, instance.index(), p.reqid(), p.value()));
                }
                next = instance.index() + 1;
            }
        }
    }

    /**
     * Proposes a value. The future completes with the outcome (and the state machine's answer when
     * chosen); it never completes exceptionally. A reqid must be unique among pending proposals.
     */
    public CompletableFuture<ProposalResult<R>> propose(String reqid, byte[] value) {
        return propose(reqid, Bytes.copyOf(value));
    }

    /** As {@link #propose(String, byte[])}, for a value already immutable: no copy is made. */
    public CompletableFuture<ProposalResult<R>> propose(String reqid, Bytes value) {
        return threads.propose(new Proposal(reqid, value));
    }

    public Status status() {
        return threads.status();
    }

    /** Entry index of the last entry applied to the state machine. */
    public long lastAppliedEntry() {
        return threads.lastAppliedEntry();
    }

    /** Why the replica stopped serving, if it did. */
    public Optional<String> failure() {
        return threads.failure();
    }

    public int id() {
        return config.selfId();
    }

    /** Reads one applied entry back from the log (binary search over instances by first entry). */
    public Optional<ChosenEntry> entry(long entryIndex) throws LogStorage.StorageException {
        long low = 1;
        long high = status().appliedUpTo();
        while (low <= high) {
            final long mid = (low + high) >>> 1;
            final List<HardState.Instance> found = storage.readApplied(mid, mid, 1);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            final HardState.Instance instance = found.get(0);
            if (entryIndex < instance.firstEntry()) {
                high = mid - 1;
            } else if (entryIndex >= instance.nextEntry()) {
                low = mid + 1;
            } else {
                final Proposal p = instance.value().proposals().get((int) (entryIndex - instance.firstEntry()));
                return Optional.of(new ChosenEntry(entryIndex, instance.index(), p.reqid(), p.value()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        threads.stop();
        transport.close();
        storage.close();
        threads.failWaiting(Outcome.unknown("", "the replica is shutting down").reason());
        LOG.info("node {} stopped", config.selfId());
    }
}
