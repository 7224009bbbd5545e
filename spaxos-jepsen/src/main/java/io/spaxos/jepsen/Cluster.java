package io.spaxos.jepsen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The replicas under test as real processes on loopback, their peer traffic through a
 * {@link Network} of proxies, and the operations the nemesis needs: kill, pause, cut, restart.
 */
final class Cluster implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    private final Ports ports;
    private final Network network;
    private final Map<Integer, ReplicaProcess> replicas;
    private final List<String> unexpectedExits = new CopyOnWriteArrayList<>();

    private Cluster(Ports ports, Network network, Map<Integer, ReplicaProcess> replicas) {
        this.ports = ports;
        this.network = network;
        this.replicas = replicas;
    }

    /** Writes every replica's config into {@code dir} and starts the proxies; no replica runs yet. */
    static Cluster create(Path dir, Ports ports, ConfigFile config, String replicaClasspath) {
        requireFree(ports);
        final Map<Integer, ReplicaProcess> replicas = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            final Path data = dir.resolve("data");
            for (final int id : ports.ids()) {
                final Path file = dir.resolve("replica-" + id + ".json");
                Files.writeString(file, config.render(id, ports, data));
                replicas.put(id, new ReplicaProcess(id, file, dir.resolve("replica-" + id + ".log"),
                        dir.resolve("tmp-" + id), replicaClasspath));
            }
            return new Cluster(ports, Network.start(ports), replicas);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up a cluster in " + dir, e);
        }
    }

    /**
     * Fails fast, naming the port, when another process already listens on one of the cluster's
     * ports: otherwise a replica would fail to start much later, or a client would talk to a stranger.
     */
    private static void requireFree(Ports ports) {
        ports.firstBusy().ifPresent(port -> {
            throw new IllegalStateException("port " + port + " is in use by another process; choose another block "
                    + "of ports (--port-slot)");
        });
    }

    Ports ports() {
        return ports;
    }

    Network network() {
        return network;
    }

    List<Integer> ids() {
        return ports.ids();
    }

    ReplicaProcess replica(int id) {
        final ReplicaProcess replica = replicas.get(id);
        if (replica == null) {
            throw new IllegalArgumentException("no replica " + id);
        }
        return replica;
    }

    /** Starts every replica not running, and waits until each answers STATUS. */
    void startAll() {
        for (final ReplicaProcess replica : replicas.values()) {
            if (!replica.alive()) {
                replica.start();
            }
        }
        ids().forEach(this::awaitAnswering);
    }

    void start(int id) {
        replica(id).start();
        awaitAnswering(id);
    }

    /** Waits until some replica reports itself master (the cluster can take writes). */
    int awaitMaster(Duration deadline) {
        final int[] master = new int[1];
        Waits.until("a master among " + ids(), deadline, POLL, () -> {
            final Optional<Integer> m = master();
            m.ifPresent(id -> master[0] = id);
            return m.isPresent();
        });
        return master[0];
    }

    /** The replica that says it is master, asking the running, unpaused ones; empty if none does. */
    Optional<Integer> master() {
        for (final int id : ids()) {
            final ReplicaProcess replica = replica(id);
            if (replica.alive() && !replica.paused()) {
                final Optional<LineStatus> status = status(id);
                if (status.isPresent() && status.get().isMaster()) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Records replicas that exited without the harness killing them: a replica must only stop
     * when told to. Called before every fault and when healing, so no restart hides a crash.
     */
    void noteUnexpectedExits() {
        for (final ReplicaProcess replica : replicas.values()) {
            replica.unexpectedExit().ifPresent(exit -> {
                System.out.println("jepsen: " + exit);
                unexpectedExits.add(exit);
            });
        }
    }

    List<String> unexpectedExits() {
        return List.copyOf(unexpectedExits);
    }

    Optional<LineStatus> status(int id) {
        return LineStatus.ask(ports.line(id), STATUS_TIMEOUT);
    }

    /** Undoes every fault: heals the network, resumes paused replicas, starts dead ones. */
    void healEverything() {
        noteUnexpectedExits();
        network.healAll();
        replicas.values().forEach(ReplicaProcess::resume);
        startAll();
    }

    private void awaitAnswering(int id) {
        final ReplicaProcess replica = replica(id);
        Waits.until("replica " + id + " to answer STATUS on port " + ports.line(id), START_DEADLINE, POLL, () -> {
            if (!replica.alive()) {
                throw new IllegalStateException("replica " + id + " exited while starting; see " + replica.logFile());
            }
            return status(id).isPresent();
        });
    }

    @Override
    public void close() {
        for (final ReplicaProcess replica : replicas.values()) {
            try {
                replica.stop(STOP_GRACE);
            } catch (RuntimeException e) {
                System.err.println("jepsen: stopping replica " + replica.id() + ": " + e);
            }
        }
        network.close();
    }
}
