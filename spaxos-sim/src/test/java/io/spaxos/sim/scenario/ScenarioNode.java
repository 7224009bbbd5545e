package io.spaxos.sim.scenario;

import io.spaxos.core.ChosenEntry;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.Outcome;
import io.spaxos.core.Ready;
import io.spaxos.core.Replica;
import io.spaxos.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One replica process of a scripted cluster: the real core, its disk, and the application's view of
 * the chosen log. With {@link #holdWrites} on, Readys wait for an explicit sync, in order, as they
 * would on a storage thread; a crash drops them.
 */
final class ScenarioNode {

    final int id;
    final CoreConfig config;
    final ScenarioDisk disk = new ScenarioDisk();
    /** Entries the application was handed, by entry index; kept across crashes, as an application's state is. */
    final TreeMap<Long, ChosenEntry> applied = new TreeMap<>();
    /** The last outcome of each proposal submitted here. */
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    final List<Ready> unsynced = new ArrayList<>();
    boolean holdWrites;
    private Replica replica;

    ScenarioNode(int id, CoreConfig config) {
        this.id = id;
        this.config = config;
    }

    boolean alive() {
        return replica != null;
    }

    Replica replica() {
        if (replica == null) {
            throw new IllegalStateException("node " + id + " is down");
        }
        return replica;
    }

    void start() {
        replica = new Replica(config, disk.recover());
    }

    /** The process dies: memory and every unsynced write are gone; the disk stays. */
    void crash() {
        replica = null;
        unsynced.clear();
    }

    Status status() {
        return replica().status();
    }

    boolean isMaster() {
        return alive() && status().role() == Status.Role.MASTER;
    }

    List<ChosenEntry> entries() {
        return List.copyOf(applied.values());
    }

    List<String> reqids() {
        return applied.values().stream().map(ChosenEntry::reqid).toList();
    }
}
