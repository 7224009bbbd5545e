package io.spaxos.sim.scenario;

import io.spaxos.core.ChosenEntry;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.HardState;
import io.spaxos.core.Outcome;
import io.spaxos.core.Proposal;
import io.spaxos.core.Ready;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A cluster of real cores driven entirely by the test: it decides when each node ticks, which
 * messages are delivered, dropped or cut by a partition, and when each node crashes. Nothing is
 * random and nothing sleeps, so every scenario runs the same way every time.
 *
 * <p>It also checks agreement as it goes: the first time any node hands its application entry
 * {@code n}, that entry is recorded, and every later hand-out of {@code n} by any node must match.
 */
final class ScenarioCluster {

    private static final int SETTLE_ROUNDS = 200;
    private static final int MAX_READ_INSTANCES = 32;

    private final Map<Integer, ScenarioNode> nodes = new LinkedHashMap<>();
    private List<Message> inFlight = new ArrayList<>();
    private final Set<Long> cutLinks = new HashSet<>();
    private final Map<Long, ChosenEntry> agreed = new HashMap<>();
    private final List<Message> sent = new ArrayList<>();
    private Predicate<Message> dropRule = m -> false;
    private int logReadsServed;

    private ScenarioCluster(int size, UnaryOperator<CoreConfig> tweak) {
        final List<Integer> members = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            members.add(id);
        }
        for (final int id : members) {
            final CoreConfig config = CoreConfig.defaults(id, members)
                    .withTimes(2, 10, 10, 4)
                    .withLimits(8, 4, 4096, 1000)
                    // Scenarios place consecutive proposals at consecutive indexes, all in flight at once.
                    .withBatchesInFlight(8)
                    .withProposalTimeout(1000)
                    .withJitterSeed(7919L * id);
            nodes.put(id, new ScenarioNode(id, tweak.apply(config)));
        }
        nodes.values().forEach(ScenarioNode::start);
    }

    static ScenarioCluster of(int size) {
        return new ScenarioCluster(size, c -> c);
    }

    static ScenarioCluster of(int size, UnaryOperator<CoreConfig> tweak) {
        return new ScenarioCluster(size, tweak);
    }

    ScenarioNode node(int id) {
        return nodes.get(id);
    }

    List<ScenarioNode> nodes() {
        return List.copyOf(nodes.values());
    }

    int logReadsServed() {
        return logReadsServed;
    }

    /** Every message any node sent so far, dropped ones included. */
    List<Message> sent() {
        return List.copyOf(sent);
    }

    // ---------------------------------------------------------------- driving

    void propose(int id, String reqid) {
        node(id).replica().propose(Proposal.of(reqid, "value-of-" + reqid));
        drain(node(id));
    }

    /** One tick for every live node, then delivery until the network is quiet. */
    void tick() {
        for (final ScenarioNode n : nodes.values()) {
            if (n.alive()) {
                n.replica().tick();
                drain(n);
            }
        }
        settle();
    }

    /** One tick for one node only, the others' clocks standing still. */
    void tick(int id) {
        node(id).replica().tick();
        drain(node(id));
        settle();
    }

    /** Delivers messages, and what they cause, until none are left (or a generous bound). */
    void settle() {
        for (int round = 0; round < SETTLE_ROUNDS && !inFlight.isEmpty(); round++) {
            final List<Message> batch = inFlight;
            inFlight = new ArrayList<>();
            for (final Message m : batch) {
                final ScenarioNode to = node(m.to());
                if (to.alive() && !isCut(m.from(), m.to())) {
                    to.replica().step(m);
                }
            }
            nodes.values().stream().filter(ScenarioNode::alive).forEach(this::drain);
        }
    }

    /** Ticks every node until {@code done}, failing after {@code maxTicks}; returns the ticks it took. */
    int runUntil(String what, BooleanSupplier done, int maxTicks) {
        for (int t = 0; t <= maxTicks; t++) {
            if (done.getAsBoolean()) {
                return t;
            }
            tick();
        }
        throw new AssertionError("not within " + maxTicks + " ticks: " + what + "\n" + describe());
    }

    /** Lets only {@code id} run out its election timeout and win; the others just answer. */
    void electMaster(int id) {
        final int bound = 4 * (node(id).config.electionTimeoutTicks() + node(id).config.electionJitterTicks());
        for (int t = 0; t < bound && !node(id).isMaster(); t++) {
            tick(id);
        }
        if (!node(id).isMaster()) {
            throw new AssertionError("node " + id + " did not become master\n" + describe());
        }
    }

    // ---------------------------------------------------------------- faults

    void crash(int id) {
        node(id).crash();
    }

    void restart(int id) {
        node(id).start();
        drain(node(id));
    }

    /** Writes the Readys a node holds back, in order, as its storage thread would. */
    void sync(int id) {
        final ScenarioNode n = node(id);
        final List<Ready> held = List.copyOf(n.unsynced);
        n.unsynced.clear();
        write(n, held);
    }

    /** Cuts every link between nodes on different sides; messages on a cut link are lost. */
    void partition(Set<Integer> side, Set<Integer> other) {
        for (final int a : side) {
            for (final int b : other) {
                cutLinks.add(link(a, b));
            }
        }
    }

    void heal() {
        cutLinks.clear();
    }

    /** Drops every message matching {@code rule} when it is sent, messages to self included. */
    void drop(Predicate<Message> rule) {
        dropRule = rule;
    }

    void dropNothing() {
        dropRule = m -> false;
    }

    // ---------------------------------------------------------------- views

    Optional<ScenarioNode> master() {
        final List<ScenarioNode> masters = nodes.values().stream().filter(ScenarioNode::isMaster).toList();
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    boolean allHave(Set<Integer> ids, String reqid) {
        return ids.stream().allMatch(id -> node(id).reqids().contains(reqid));
    }

    String describe() {
        return nodes.values().stream()
                .map(n -> "  node " + n.id + ": " + (n.alive() ? n.status() : "down") + " entries=" + n.reqids())
                .collect(Collectors.joining("\n"));
    }

    // ---------------------------------------------------------------- plumbing

    private void drain(ScenarioNode n) {
        final Ready ready = n.replica().ready();
        for (final ChosenEntry e : ready.chosen()) {
            hand(n, e);
        }
        for (final Outcome o : ready.outcomes()) {
            n.outcomes.put(o.reqid(), o);
        }
        ready.messagesNow().forEach(this::send);
        if (n.holdWrites) {
            n.unsynced.add(ready);
        } else {
            write(n, List.of(ready));
        }
    }

    private void write(ScenarioNode n, List<Ready> readys) {
        final Ready.Released released;
        try {
            released = Ready.persistThenRelease(readys, (states, sync) -> n.disk.write(states));
        } catch (Exception e) {
            throw new AssertionError("the scenario disk cannot fail", e);
        }
        readys.forEach(r -> n.replica().persisted(r.id()));
        released.messages().forEach(this::send);
        for (final Ready.LogRead read : released.logReads()) {
            logReadsServed++;
            final List<Learn.Chosen> chosen = new ArrayList<>();
            for (final HardState.Instance i : n.disk.readApplied(read.fromIndex(), read.toIndex(), MAX_READ_INSTANCES)) {
                chosen.add(new Learn.Chosen(i.index(), i.value()));
            }
            if (!chosen.isEmpty()) {
                send(new Learn(n.id, read.to(), chosen));
            }
        }
    }

    /** The application of {@code n} receives {@code e}: it must continue the log and agree with everyone. */
    private void hand(ScenarioNode n, ChosenEntry e) {
        final long next = n.applied.isEmpty() ? 1 : n.applied.lastKey() + 1;
        if (e.index() > next) {
            throw new AssertionError("node " + n.id + " skipped to entry " + e.index() + ", expected " + next);
        }
        final ChosenEntry before = agreed.putIfAbsent(e.index(), e);
        if (before != null && !before.equals(e)) {
            throw new AssertionError("entry " + e.index() + " is " + before + " on one node and " + e + " on node " + n.id);
        }
        n.applied.put(e.index(), e);
    }

    private void send(Message m) {
        sent.add(m);
        if (dropRule.test(m) || isCut(m.from(), m.to())) {
            return;
        }
        inFlight.add(m);
    }

    private boolean isCut(int a, int b) {
        return a != b && cutLinks.contains(link(a, b));
    }

    private static long link(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }
}
