package io.spaxos.core;

import java.util.List;
import java.util.Objects;

/**
 * Settings of one replica's protocol core. Times are in ticks: the caller decides how long a tick
 * is. Every queue and batch has a limit, so memory is bounded by these numbers and never by the
 * length of the log or the offered load.
 *
 * @param self                  this replica's node id, one of {@code members}
 * @param members               node ids of the whole group, each in {@code 1..MAX_NODE_ID}
 * @param quorums               quorum sizes per phase
 * @param jitterSeed            seeds the election back-off
 * @param heartbeatTicks        how often a master tells followers it is alive
 * @param electionTimeoutTicks  a follower that heard nothing from a master for this long (plus
 *                              jitter) runs for master; a master that heard from no quorum for
 *                              this long steps down
 * @param electionJitterTicks   random extra wait in {@code [0, this)} so duelling candidates settle
 * @param acceptRetryTicks      a master resends an unanswered accept after this long
 * @param proposalTimeoutTicks  a submitted proposal with no outcome after this long is UNKNOWN
 * @param catchupRetryTicks     minimum gap between two catch-up requests
 * @param windowInstances       instances a master keeps in flight at once (pipelining)
 * @param maxBatchProposals     proposals in one instance at most (batching)
 * @param maxBatchBytes         bytes of proposals in one instance at most
 * @param maxQueuedProposals    proposals waiting at this replica at most; more are rejected
 * @param maxCatchupInstances   instances in one catch-up answer at most
 * @param maxBatchesInFlight    a master closes a new batch only while fewer of its batches than
 *                              this wait to be chosen, unless a full batch is queued: under load,
 *                              proposals gather while earlier batches are chosen (adaptive
 *                              batching: a batch closes when the round before it ends, not on a timer)
 */
public record CoreConfig(
        int self,
        List<Integer> members,
        QuorumPolicy quorums,
        long jitterSeed,
        int heartbeatTicks,
        int electionTimeoutTicks,
        int electionJitterTicks,
        int acceptRetryTicks,
        int proposalTimeoutTicks,
        int catchupRetryTicks,
        int windowInstances,
        int maxBatchProposals,
        int maxBatchBytes,
        int maxQueuedProposals,
        int maxCatchupInstances,
        int maxBatchesInFlight) {

    /** Ballots pack the node id under the round; ids above this are refused. */
    public static final int MAX_NODE_ID = 4095;

    public CoreConfig {
        members = List.copyOf(members);
        Objects.requireNonNull(quorums, "quorums");
        if (!members.contains(self)) {
            throw new IllegalArgumentException("self " + self + " is not one of the members " + members);
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("duplicate member id in " + members);
        }
        for (final int id : members) {
            if (id < 1 || id > MAX_NODE_ID) {
                throw new IllegalArgumentException("member id " + id + " is outside 1.." + MAX_NODE_ID);
            }
        }
        requirePositive("heartbeatTicks", heartbeatTicks);
        requirePositive("electionTimeoutTicks", electionTimeoutTicks);
        requirePositive("acceptRetryTicks", acceptRetryTicks);
        requirePositive("proposalTimeoutTicks", proposalTimeoutTicks);
        requirePositive("catchupRetryTicks", catchupRetryTicks);
        requirePositive("windowInstances", windowInstances);
        requirePositive("maxBatchProposals", maxBatchProposals);
        requirePositive("maxBatchBytes", maxBatchBytes);
        requirePositive("maxQueuedProposals", maxQueuedProposals);
        requirePositive("maxCatchupInstances", maxCatchupInstances);
        requirePositive("maxBatchesInFlight", maxBatchesInFlight);
        if (electionJitterTicks < 0) {
            throw new IllegalArgumentException("electionJitterTicks must be >= 0: " + electionJitterTicks);
        }
        if (heartbeatTicks >= electionTimeoutTicks) {
            throw new IllegalArgumentException("heartbeatTicks (" + heartbeatTicks
                    + ") must be below electionTimeoutTicks (" + electionTimeoutTicks + ")");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    /** Sensible defaults for a tick of about 10 ms. */
    public static CoreConfig defaults(int self, List<Integer> members) {
        return new CoreConfig(self, members, QuorumPolicy.MAJORITY, self,
                10, 50, 30, 20, 500, 10,
                64, 512, 256 << 10, 20_000, 64, 1);
    }

    public CoreConfig withJitterSeed(long seed) {
        return new CoreConfig(self, members, quorums, seed, heartbeatTicks, electionTimeoutTicks,
                electionJitterTicks, acceptRetryTicks, proposalTimeoutTicks, catchupRetryTicks, windowInstances,
                maxBatchProposals, maxBatchBytes, maxQueuedProposals, maxCatchupInstances, maxBatchesInFlight);
    }

    public CoreConfig withQuorums(QuorumPolicy policy) {
        return new CoreConfig(self, members, policy, jitterSeed, heartbeatTicks, electionTimeoutTicks,
                electionJitterTicks, acceptRetryTicks, proposalTimeoutTicks, catchupRetryTicks, windowInstances,
                maxBatchProposals, maxBatchBytes, maxQueuedProposals, maxCatchupInstances, maxBatchesInFlight);
    }

    /** Returns these settings with the four times given (the seed config's {@code stimeout}). */
    public CoreConfig withTimes(int heartbeat, int electionTimeout, int electionJitter, int acceptRetry) {
        return new CoreConfig(self, members, quorums, jitterSeed, heartbeat, electionTimeout,
                electionJitter, acceptRetry, proposalTimeoutTicks, catchupRetryTicks, windowInstances,
                maxBatchProposals, maxBatchBytes, maxQueuedProposals, maxCatchupInstances, maxBatchesInFlight);
    }

    public CoreConfig withLimits(int window, int batchProposals, int batchBytes, int queuedProposals) {
        return new CoreConfig(self, members, quorums, jitterSeed, heartbeatTicks, electionTimeoutTicks,
                electionJitterTicks, acceptRetryTicks, proposalTimeoutTicks, catchupRetryTicks, window,
                batchProposals, batchBytes, queuedProposals, maxCatchupInstances, maxBatchesInFlight);
    }

    public CoreConfig withBatchesInFlight(int batches) {
        return new CoreConfig(self, members, quorums, jitterSeed, heartbeatTicks, electionTimeoutTicks,
                electionJitterTicks, acceptRetryTicks, proposalTimeoutTicks, catchupRetryTicks, windowInstances,
                maxBatchProposals, maxBatchBytes, maxQueuedProposals, maxCatchupInstances, batches);
    }

    public CoreConfig withProposalTimeout(int ticks) {
        return new CoreConfig(self, members, quorums, jitterSeed, heartbeatTicks, electionTimeoutTicks,
                electionJitterTicks, acceptRetryTicks, ticks, catchupRetryTicks, windowInstances,
                maxBatchProposals, maxBatchBytes, maxQueuedProposals, maxCatchupInstances, maxBatchesInFlight);
    }

    /**
     * Bytes of batches in one catch-up answer, past which it stops (the rest comes with the next
     * request): keeps an answer well inside a transport frame even when batches are large.
     */
    public long maxLearnBytes() {
        return 4L * maxBatchBytes;
    }

    /**
     * The largest message this core can produce, in bytes of batch values: a promise reports at
     * most every unapplied instance a replica holds ({@link #maxInstancesAhead()}), each one batch.
     * A transport must carry frames of this size (plus encoding overhead).
     */
    public long maxMessageValueBytes() {
        return Math.max(maxLearnBytes() + maxBatchBytes, (long) maxInstancesAhead() * maxBatchBytes);
    }

    /** How far beyond its applied prefix a replica holds instances; further ones are refused. */
    public int maxInstancesAhead() {
        return 4 * windowInstances + 2 * maxCatchupInstances;
    }

    public int phase1Quorum() {
        return quorums.phase1(members.size());
    }

    public int phase2Quorum() {
        return quorums.phase2(members.size());
    }
}
