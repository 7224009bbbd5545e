package io.spaxos.bench.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The systems running right now. If the harness is stopped (Ctrl-C, kill), a shutdown hook stops
 * them, so no server outlives the run and holds its ports.
 */
public final class Running {

    private static final Set<SystemUnderTest> SYSTEMS = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Running::closeAll, "spaxos-bench-cleanup"));
    }

    private Running() {
    }

    public static synchronized void add(SystemUnderTest system) {
        SYSTEMS.add(system);
    }

    public static synchronized void remove(SystemUnderTest system) {
        SYSTEMS.remove(system);
    }

    private static void closeAll() {
        final List<SystemUnderTest> left;
        synchronized (Running.class) {
            left = List.copyOf(SYSTEMS);
            SYSTEMS.clear();
        }
        for (final SystemUnderTest system : left) {
            System.err.println("spaxos-bench: stopping " + system.name());
            system.close();
        }
    }
}
