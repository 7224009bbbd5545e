package io.spaxos.node.config;

import io.spaxos.core.CoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's settings, as read from the seed's JSON config file by {@link ConfigLoader}. Times are
 * milliseconds, as in the file; {@link #toCoreConfig()} turns them into the core's ticks.
 *
 * @param selfId            this replica's id ({@code "selfid"}, or {@code --id})
 * @param clusterId         names the group; peers and data directories of another group are refused
 * @param members           every replica of the group ({@code "groups"}), in file order
 * @param dataPath          {@code "path"}, as written (relative paths are relative to the working directory)
 * @param heartbeatMs       {@code stimeout.heartbeat}
 * @param electionTimeoutMs {@code stimeout.instimeoutbase}
 * @param electionJitterMs  {@code stimeout.instimeoutrange}
 * @param tickMs            length of one core tick
 * @param readMode          how servers answer reads
 * @param maxFrameBytes     largest peer frame sent or accepted
 */
public record NodeConfig(int selfId, String clusterId, List<Member> members, Path dataPath, int heartbeatMs,
                         int electionTimeoutMs, int electionJitterMs, int tickMs, ReadMode readMode,
                         int maxFrameBytes) {

    /** Below this, a proposal of a few kilobytes could not be chosen at all. */
    static final int MIN_BATCH_BYTES = 4 << 10;

    public NodeConfig {
        members = List.copyOf(members);
    }

    public Member self() {
        return member(selfId).orElseThrow(() -> new IllegalStateException("selfid " + selfId + " is not a member"));
    }

    public Optional<Member> member(int id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    public List<Integer> memberIds() {
        return members.stream().map(Member::id).toList();
    }

    /** Peer addresses of the other members, by node id; resolves host names now. */
    public Map<Integer, InetSocketAddress> peerAddresses() {
        final Map<Integer, InetSocketAddress> peers = new LinkedHashMap<>();
        for (final Member m : members) {
            if (m.id() != selfId) {
                peers.put(m.id(), m.peerAddress());
            }
        }
        return peers;
    }

    /**
     * This replica's own data directory: {@code path/node-<selfid>}. The seed's example gives every
     * replica the same {@code "path"}, so replicas on one machine would otherwise share a directory.
     */
    public Path nodeDataDir() {
        return dataPath.resolve("node-" + selfId);
    }

    /** The same settings for replica {@code id} instead ({@code --id N} on the command line). */
    public NodeConfig withSelfId(int id) throws ConfigException {
        if (member(id).isEmpty()) {
            throw new ConfigException("selfid", id + " (from --id) is not one of the group ids " + memberIds());
        }
        return new NodeConfig(id, clusterId, members, dataPath, heartbeatMs, electionTimeoutMs, electionJitterMs,
                tickMs, readMode, maxFrameBytes);
    }

    /**
     * The core's settings: every time becomes {@code ms / tickMs} ticks; the master resends an
     * unanswered accept after half an election timeout, so a lost accept is retried before
     * followers give up on the master.
     */
    public CoreConfig toCoreConfig() throws ConfigException {
        final int heartbeatTicks = heartbeatMs / tickMs;
        final int electionTimeoutTicks = electionTimeoutMs / tickMs;
        final int electionJitterTicks = electionJitterMs / tickMs;
        final int acceptRetryTicks = Math.max(1, electionTimeoutTicks / 2);
        if (heartbeatTicks < 1) {
            throw new ConfigException("stimeout.heartbeat",
                    heartbeatMs + " ms is shorter than one tick (tick_ms " + tickMs + ")");
        }
        if (heartbeatTicks >= electionTimeoutTicks) {
            throw new ConfigException("stimeout.instimeoutbase", electionTimeoutMs + " ms (" + electionTimeoutTicks
                    + " ticks) must be longer than stimeout.heartbeat " + heartbeatMs + " ms (" + heartbeatTicks
                    + " ticks), or a live master looks dead");
        }
        try {
            final CoreConfig defaults = CoreConfig.defaults(selfId, memberIds())
                    .withTimes(heartbeatTicks, electionTimeoutTicks, electionJitterTicks, acceptRetryTicks);
            // The largest message (a promise listing every instance a replica holds) must fit a
            // frame, with a quarter of the frame left for encoding overhead: size batches to match.
            final long batchBytes = Math.min(defaults.maxBatchBytes(),
                    (maxFrameBytes / 4L * 3) / (defaults.maxInstancesAhead() + 1));
            if (batchBytes < MIN_BATCH_BYTES) {
                throw new ConfigException("max_frame_bytes", maxFrameBytes + " is too small: batches would be under "
                        + MIN_BATCH_BYTES + " bytes");
            }
            return defaults.withLimits(defaults.windowInstances(), defaults.maxBatchProposals(), (int) batchBytes,
                    defaults.maxQueuedProposals());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("groups", e.getMessage());
        }
    }
}
