package io.spaxos.sim;

import io.spaxos.core.Bytes;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.HardState;
import io.spaxos.core.Outcome;
import io.spaxos.core.Proposal;
import io.spaxos.core.QuorumPolicy;
import io.spaxos.core.Ready;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A whole cluster of real {@link io.spaxos.core.Replica}s in one thread, under a simulated network,
 * disk and clock. One seed decides every random choice, so a failing run replays exactly.
 *
 * <p>A run has two phases. While faults are on, messages are dropped, duplicated and delayed,
 * links are cut, and replicas crash (sometimes all at once) and restart from what their disks
 * kept, while clients keep proposing. Then every fault heals, and within
 * {@link SimParams#LIVENESS_TICKS} every proposal made after the heal must be chosen and all
 * replicas must converge.
 */
public final class Simulation {

    private final SimParams params;
    private final SplittableRandom random;
    private final SimNetwork network;
    private final Map<Integer, SimNode> nodes = new LinkedHashMap<>();
    private final Map<Integer, Long> restartAtTick = new HashMap<>();
    private final Map<Long, List<int[]>> healLinksAtTick = new HashMap<>();
    private final Violations violations;
    private final SafetyChecker safety;
    private final PersistChecker persist;
    private final PromiseChecker promises;
    // Proposals made after the heal: each must end CHOSEN.
    private final Map<String, Outcome> afterHeal = new LinkedHashMap<>();
    private final List<Integer> members = new ArrayList<>();
    private long tick;
    private long now;
    private long proposalSeq;
    private long chosenEntries;
    private int crashes;
    private int partitions;
    private long delivered;

    public Simulation(SimParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
        this.network = new SimNetwork(random.split(), params.dropRate(), params.duplicateRate(), params.maxDelayUnits());
        this.violations = new Violations(() -> tick);
        this.safety = new SafetyChecker(violations);
        this.persist = new PersistChecker(violations);
        this.promises = new PromiseChecker(violations);
        for (int id = 1; id <= params.nodes(); id++) {
            members.add(id);
            nodes.put(id, new SimNode(id, params.variant() == Variant.REPLY_BEFORE_PERSIST,
                    params.variant() == Variant.FORGET_PROMISE_ON_RESTART));
        }
    }

    public static SimResult run(SimParams params) {
        return new Simulation(params).run();
    }

    /**
     * Core settings for simulated replicas: short timeouts and small limits, to reach edge cases
     * often. Partial batches in flight vary with the seed (1..4; the default is 1), so both the
     * default and deeper pipelines, with gaps between in-flight indexes, are explored.
     */
    CoreConfig coreConfig(int id) {
        final int batchesInFlight = 1 + (int) Math.floorMod(params.seed(), 4L);
        CoreConfig config = new CoreConfig(id, members, QuorumPolicy.MAJORITY, random.nextLong(),
                5, 25, 25, 10, 400, 5,
                32, 16, 64 * 1024, 2_000, 64, batchesInFlight);
        if (params.variant() == Variant.PHASE2_QUORUM_OF_ONE) {
            config = config.withQuorums(new QuorumPolicy() {
                @Override
                public int phase1(int n) {
                    return n / 2 + 1;
                }

                @Override
                public int phase2(int n) {
                    return 1;
                }
            });
        }
        return config;
    }

    public SimResult run() {
        try {
            for (final SimNode node : nodes.values()) {
                start(node);
            }
            final long lastTick = params.faultTicks() + params.livenessTicks();
            for (tick = 1; tick <= lastTick && !violations.any(); tick++) {
                if (tick <= params.faultTicks()) {
                    injectFaults();
                } else if (tick == params.faultTicks() + 1) {
                    healEverything();
                }
                restartDue();
                propose();
                for (int unit = 0; unit < SimParams.UNITS_PER_TICK; unit++) {
                    now = tick * SimParams.UNITS_PER_TICK + unit;
                    runUnit(unit == 0);
                }
            }
            if (!violations.any()) {
                checkLiveness();
            }
        } catch (Exception | AssertionError e) {
            violations.add("crash", e.toString());
        }
        return new SimResult(params, violations.list(), chosenEntries, crashes, partitions, delivered);
    }

    // ---------------------------------------------------------------- one time unit

    private void runUnit(boolean tickNow) throws Exception {
        for (final Message m : network.due(now)) {
            final SimNode to = nodes.get(m.to());
            if (to.alive()) {
                delivered++;
                to.replica().step(m);
            }
        }
        for (final SimNode node : nodes.values()) {
            if (node.alive()) {
                for (final Ready.Released released : node.completeWrites(now)) {
                    release(node, released);
                }
                if (tickNow) {
                    node.replica().tick();
                }
                drain(node);
            }
        }
    }

    private void drain(SimNode node) throws Exception {
        final Ready ready = node.replica().ready();
        if (ready.isEmpty()) {
            return;
        }
        for (final ChosenEntry e : ready.chosen()) {
            chosenEntries++;
            safety.onChosen(node.id, e);
        }
        for (final Outcome o : ready.outcomes()) {
            safety.onOutcome(node.id, o);
            if (afterHeal.containsKey(o.reqid())) {
                afterHeal.put(o.reqid(), o);
            }
        }
        for (final Message m : ready.messagesNow()) {
            send(node, m);
        }
        final Ready.Released early = node.submit(ready, now, ready.needsSync() ? 1 + random.nextInt(5) : 0);
        if (early != null) {
            release(node, early);
        }
    }

    private void release(SimNode node, Ready.Released released) {
        for (final Message m : released.messages()) {
            send(node, m);
        }
        for (final Ready.LogRead read : released.logReads()) {
            final List<Learn.Chosen> chosen = new ArrayList<>();
            for (final HardState.Instance i : node.disk.readApplied(read.fromIndex(), read.toIndex(), 64)) {
                chosen.add(new Learn.Chosen(i.index(), i.value()));
            }
            if (!chosen.isEmpty()) {
                send(node, new Learn(node.id, read.to(), chosen));
            }
        }
    }

    private void send(SimNode from, Message m) {
        persist.onSend(m, from.disk);
        promises.onSend(m);
        network.send(m, now);
    }

    // ---------------------------------------------------------------- clients

    private void propose() {
        final boolean faultPhase = tick <= params.faultTicks();
        final long sinceHeal = tick - params.faultTicks();
        if (!faultPhase && (sinceHeal <= SimParams.SETTLE_TICKS
                || sinceHeal > SimParams.SETTLE_TICKS + params.livenessTicks() / 4)) {
            return;
        }
        final double rate = faultPhase ? params.proposePerTick() : 0.5;
        int count = (int) rate + (random.nextDouble() < rate - (int) rate ? 1 : 0);
        while (count-- > 0) {
            final SimNode node = nodes.get(1 + random.nextInt(params.nodes()));
            if (!node.alive()) {
                continue;
            }
            final String reqid = "r" + (++proposalSeq);
            final Bytes value = Bytes.utf8("v" + proposalSeq + "-" + random.nextInt(1000));
            safety.onProposed(reqid, value);
            if (!faultPhase) {
                afterHeal.put(reqid, null);
            }
            node.replica().propose(new Proposal(reqid, value));
        }
    }

    // ---------------------------------------------------------------- faults

    private void injectFaults() {
        if (random.nextDouble() < params.crashPerTick()) {
            final List<SimNode> alive = nodes.values().stream().filter(SimNode::alive).toList();
            if (!alive.isEmpty()) {
                final SimNode victim = alive.get(random.nextInt(alive.size()));
                // Mostly short outages; sometimes a long absence that needs a real catch-up.
                final int kind = random.nextInt(10);
                crash(victim, kind == 0 ? 200 + random.nextInt(400) : kind < 5 ? 1 + random.nextInt(5) : 5 + random.nextInt(100));
            }
        }
        if (random.nextDouble() < params.crashPerTick() / 20) {
            for (final SimNode node : nodes.values()) {
                if (node.alive()) {
                    crash(node, 5 + random.nextInt(50));
                }
            }
        }
        if (random.nextDouble() < params.partitionPerTick()) {
            partition();
        }
        final List<int[]> heal = healLinksAtTick.remove(tick);
        if (heal != null) {
            network.healAll();
        }
    }

    private void partition() {
        partitions++;
        if (random.nextBoolean()) {
            // A partial partition: some links cut, the rest working, so a node can reach a peer
            // that cannot reach a third. Old masters live on in such corners.
            final int links = 1 + random.nextInt(params.nodes());
            for (int i = 0; i < links; i++) {
                final int a = members.get(random.nextInt(members.size()));
                final int b = members.get(random.nextInt(members.size()));
                if (a != b) {
                    network.cut(a, b);
                }
            }
            healLinksAtTick.computeIfAbsent(tick + 20 + random.nextInt(200), k -> new ArrayList<>()).add(new int[0]);
            return;
        }
        final List<Integer> shuffled = new ArrayList<>(members);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        final int side = 1 + random.nextInt(shuffled.size() - 1);
        for (int a = 0; a < side; a++) {
            for (int b = side; b < shuffled.size(); b++) {
                network.cut(shuffled.get(a), shuffled.get(b));
            }
        }
        healLinksAtTick.computeIfAbsent(tick + 20 + random.nextInt(200), k -> new ArrayList<>()).add(new int[0]);
    }

    private void crash(SimNode node, int downTicks) {
        crashes++;
        // A killed process's unsynced writes may or may not have reached the disk: any prefix survives.
        node.crash(random.nextInt(node.disk.unsyncedBatches() + 1));
        restartAtTick.put(node.id, tick + downTicks);
    }

    private void restartDue() {
        for (final SimNode node : nodes.values()) {
            final Long at = restartAtTick.get(node.id);
            if (!node.alive() && at != null && at <= tick) {
                restartAtTick.remove(node.id);
                start(node);
            }
        }
    }

    private void start(SimNode node) {
        final RecoveredState recovered = node.start(coreConfig(node.id));
        safety.onRestart(node.id, recovered.nextEntry() - 1);
    }

    private void healEverything() {
        network.healAll();
        healLinksAtTick.clear();
        network.dropRate = 0;
        network.duplicateRate = 0;
        network.longDelays = false;
        for (final SimNode node : nodes.values()) {
            if (!node.alive()) {
                restartAtTick.put(node.id, tick);
            }
        }
    }

    // ---------------------------------------------------------------- liveness

    private String statuses() {
        final StringBuilder all = new StringBuilder();
        for (final SimNode node : nodes.values()) {
            all.append(node.alive() ? node.replica().status() : "node " + node.id + " down").append("; ");
        }
        return all.toString();
    }

    private void checkLiveness() {
        for (final Map.Entry<String, Outcome> e : afterHeal.entrySet()) {
            if (e.getValue() == null || e.getValue().kind() != Outcome.Kind.CHOSEN) {
                violations.add("liveness", e.getKey() + " proposed after every fault healed has outcome " + e.getValue()
                        + " after " + params.livenessTicks() + " ticks; replicas: " + statuses());
                return;
            }
        }
        final long expected = safety.lastEntry(members.get(0));
        for (final SimNode node : nodes.values()) {
            final long last = safety.lastEntry(node.id);
            final long applied = node.replica().status().appliedUpTo();
            final long highest = nodes.values().stream().mapToLong(n -> n.replica().status().appliedUpTo()).max().orElse(0);
            if (last != expected || applied != highest) {
                violations.add("liveness", "replicas did not converge within " + params.livenessTicks()
                        + " ticks of the heal: node " + node.id + " applied " + applied + " (entry " + last
                        + "), node " + members.get(0) + " is at entry " + expected + ", highest applied " + highest);
                return;
            }
        }
        safety.checkDurable(members);
    }
}
