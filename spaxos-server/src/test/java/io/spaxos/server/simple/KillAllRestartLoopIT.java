package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import io.spaxos.server.testing.SeedConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round after round, {@code kill -9} of all three replicas while clients propose, then a restart:
 * an entry once answered CHOSEN must be on every replica, with the same value, after every restart.
 * Rounds: {@code -Dspaxos.killRounds=N} (default 20); the kill points and orders come from
 * {@code -Dspaxos.killSeed=S} (printed, random by default).
 */
class KillAllRestartLoopIT {

    private static final int ROUNDS = Integer.getInteger("spaxos.killRounds", 20);
    /** Per client and round: the kill usually comes much sooner. */
    private static final int MAX_PROPOSALS_PER_CLIENT = 300;
    /** The kill comes after this many CHOSEN answers in a round, at most (0: right as clients start). */
    private static final int MAX_CHOSEN_BEFORE_KILL = 60;
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(60);
    /** A shorter election timeout than the default: after each full restart the cluster must elect. */
    private static final SeedConfig FAST_ELECTIONS = new SeedConfig(100, 500, 200);

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    private ProcessCluster cluster;
    private SimpleSvr svr;
    private Random random;
    /** Every index answered CHOSEN, in any round, and what was proposed there. */
    private final ConcurrentMap<Long, SimpleSvr.Entry> acknowledged = new ConcurrentSkipListMap<>();
    /** Indexes answered CHOSEN for two proposals (and answers naming another reqid, at negative keys). */
    private final ConcurrentMap<Long, String> conflicts = new ConcurrentSkipListMap<>();
    /** Acknowledged indexes some replica missed or held otherwise after a restart and catch-up. */
    private final Map<Long, String> lost = new TreeMap<>();
    /** Indexes where two replicas' applied logs differ, acknowledged or not. */
    private final Map<Long, String> diverged = new TreeMap<>();

    @Test
    void no_entry_answered_chosen_is_lost_or_changed_when_all_three_replicas_are_killed_and_restarted_round_after_round()
            throws Exception {
        final long seed = Long.getLong("spaxos.killSeed", System.nanoTime());
        random = new Random(seed);
        cluster = clusters.add(ProcessCluster.builder(dir, Ports.base(Ports.SIMPLE_KILL_ALL_LOOP, 0))
                .seedConfig(FAST_ELECTIONS).build()).startAll();
        svr = new SimpleSvr(cluster);
        final long testStartNs = System.nanoTime();
        System.out.printf("kill/restart loop: %d rounds, seed %d (-Dspaxos.killSeed=%d replays the kill points)%n",
                ROUNDS, seed, seed);

        for (int round = 1; round <= ROUNDS; round++) {
            final long roundStartNs = System.nanoTime();
            final int lostAtStart = checkAfterRestart();
            final String summary = proposeAndKillAll(round);
            System.out.printf("round %2d: %s; %d acknowledged in all, %d lost at this round's start, %d lost in all; %d ms%n",
                    round, summary, acknowledged.size(), lostAtStart, lost.size(), (System.nanoTime() - roundStartNs) / 1_000_000);
            cluster.startAll();
        }
        checkAfterRestart();

        System.out.printf("kill/restart loop done: %d rounds, %d entries acknowledged CHOSEN, %d lost or changed,"
                        + " %d conflicting answers, %d indexes where replicas differ, %d s (seed %d)%n", ROUNDS,
                acknowledged.size(), lost.size(), conflicts.size(), diverged.size(),
                (System.nanoTime() - testStartNs) / 1_000_000_000, seed);
        assertThat(conflicts).as("indexes answered CHOSEN for two proposals").isEmpty();
        assertThat(lost).as("acknowledged-but-lost entries (seed %d)", seed).isEmpty();
        assertThat(diverged).as("indexes where the replicas' logs differ (seed %d)", seed).isEmpty();
        assertThat(acknowledged).as("the clients got some proposals chosen at all").isNotEmpty();
    }

    /** After a (re)start: waits for a master and for catch-up, then compares; the acknowledged indexes lost now. */
    private int checkAfterRestart() throws Exception {
        svr.awaitMaster(cluster.ids());
        final Map<Long, SimpleSvr.Entry> expected = new TreeMap<>(acknowledged);
        svr.awaitApplied(cluster.ids(), expected, SimpleSvr.CONVERGE);
        final Map<Long, String> lostNow = svr.mismatches(cluster.ids(), expected);
        lostNow.forEach(lost::putIfAbsent);
        svr.divergence(cluster.ids()).forEach(diverged::putIfAbsent);
        return lostNow.size();
    }

    /** One client per replica proposes; after a random number of CHOSEN answers, kill -9 of all in a random order. */
    private String proposeAndKillAll(int round) throws InterruptedException {
        final int killAfter = random.nextInt(MAX_CHOSEN_BEFORE_KILL + 1);
        final AtomicInteger chosenInRound = new AtomicInteger();
        final long deadlineNs = System.nanoTime() + ROUND_DEADLINE.toNanos();
        final List<Proposer> proposers = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (final int id : cluster.ids()) {
            final Proposer p = new Proposer(cluster.clientPort(id), "k" + round + "r" + id, MAX_PROPOSALS_PER_CLIENT,
                    deadlineNs, acknowledged, conflicts, chosenInRound);
            proposers.add(p);
            threads.add(new Thread(p, "proposer-" + round + "-" + id));
        }
        threads.forEach(Thread::start);
        await("round " + round + ": " + killAfter + " proposals chosen, or the clients done")
                .atMost(ROUND_DEADLINE).pollInterval(Duration.ofMillis(5))
                .until(() -> chosenInRound.get() >= killAfter || threads.stream().noneMatch(Thread::isAlive));
        final int chosenBeforeKill = chosenInRound.get();
        final List<Integer> killOrder = new ArrayList<>(cluster.ids());
        Collections.shuffle(killOrder, random);
        killOrder.forEach(cluster::kill);
        for (final Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("%s still running after the kill", t.getName()).isFalse();
        }
        return "kill -9 of " + killOrder + " after " + chosenBeforeKill + " chosen (target " + killAfter + "), "
                + chosenInRound.get() + " chosen in the round; clients: "
                + proposers.stream().map(Proposer::summary).toList();
    }
}
