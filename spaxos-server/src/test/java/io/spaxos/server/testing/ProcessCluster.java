package io.spaxos.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * N replicas as real OS processes on loopback: writes each one's seed-format config file into a
 * directory, starts each by a command ({@code bin/simplesvr CONFIG 127.0.0.1:PORT} unless told
 * otherwise), sends its output to a log file in that directory, and waits until it answers on its
 * client port. A replica can be killed ({@code kill -9}) and restarted with the same config and
 * data; {@link #close()} stops them all.
 *
 * <p>Ports: replica {@code i} (1..9) has peer port {@code basePort + i} and client port
 * {@code basePort + 10 + i}, so a cluster takes a block of 20 ports. Take base ports from
 * {@link Ports#base}: below 32768, out of the kernel's ephemeral range, distinct per test class,
 * and claimed against other test JVMs on the machine.
 *
 * <pre>
 * {@literal @}RegisterExtension final ProcessClusters clusters = new ProcessClusters();
 * {@literal @}TempDir Path dir;
 * ...
 * ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir, Ports.base(MY_SLOT, 0)).build()).startAll();
 * cluster.kill(2);        // kill -9
 * cluster.start(2);       // same config, same data
 * </pre>
 */
public final class ProcessCluster implements AutoCloseable {

    public static final int MAX_REPLICAS = 9;
    public static final int PORTS_PER_CLUSTER = 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final Path dir;
    private final Map<Integer, ReplicaProcess> replicas;
    private final Predicate<ReplicaSpec> ready;
    private final Duration startDeadline;

    ProcessCluster(Path dir, Map<Integer, ReplicaProcess> replicas, Predicate<ReplicaSpec> ready,
                           Duration startDeadline) {
        this.dir = dir;
        this.replicas = replicas;
        this.ready = ready;
        this.startDeadline = startDeadline;
    }

    /** A cluster whose files go in {@code dir} (a {@code @TempDir}) and whose ports start at {@code basePort}. */
    public static ProcessClusterBuilder builder(Path dir, int basePort) {
        return new ProcessClusterBuilder(dir, basePort);
    }

    public Path dir() {
        return dir;
    }

    public List<Integer> ids() {
        return List.copyOf(replicas.keySet());
    }

    public ReplicaSpec spec(int id) {
        return replica(id).spec();
    }

    public int clientPort(int id) {
        return spec(id).clientPort();
    }

    public boolean isRunning(int id) {
        return replica(id).alive();
    }

    /** Starts every replica that is not running, then waits until each is ready. */
    public ProcessCluster startAll() {
        final List<Integer> started = new ArrayList<>();
        for (final int id : ids()) {
            if (!isRunning(id)) {
                launch(id);
                started.add(id);
            }
        }
        started.forEach(this::awaitReady);
        return this;
    }

    /** Starts one replica and waits until it is ready. */
    public void start(int id) {
        launch(id);
        awaitReady(id);
    }

    /** {@code kill -9} of one replica; returns once the process is gone. */
    public void kill(int id) {
        replica(id).kill();
    }

    /** {@code kill -9} of every replica, as close together as the calls allow. */
    public void killAll() {
        replicas.values().forEach(ReplicaProcess::kill);
    }

    /** {@code kill -9}, then a start with the same config and data. */
    public void restart(int id) {
        kill(id);
        start(id);
    }

    /** Stops one replica politely (SIGTERM), then by {@code kill -9} if it lingers. */
    public void stop(int id) {
        replica(id).stop(STOP_GRACE);
    }

    /**
     * Starts a replica that is expected to refuse to run (a bad config, a foreign data directory)
     * and waits for it to exit; the exit code and what it printed in that run.
     */
    public SpaxosBin.Result startExpectingExit(int id, Duration deadline) {
        final long logBytesBefore = ReplicaLog.size(spec(id).logFile());
        final long startNs = System.nanoTime();
        launch(id);
        final Optional<Integer> exit;
        try {
            exit = replica(id).awaitExit(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        final Duration took = Duration.ofNanos(System.nanoTime() - startNs);
        if (exit.isEmpty()) {
            kill(id);
            throw new AssertionError("replica " + id + " was expected to exit but still runs after " + deadline
                    + "; log:\n" + ReplicaLog.since(spec(id).logFile(), logBytesBefore));
        }
        final String output = ReplicaLog.since(spec(id).logFile(), logBytesBefore);
        // The first line is this class's start marker, not the process's output.
        return new SpaxosBin.Result(exit.get(), output.substring(output.indexOf('\n') + 1), took);
    }

    /** The last {@code lines} lines of a replica's log (every start of it). */
    public String logTail(int id, int lines) {
        return ReplicaLog.tail(spec(id).logFile(), lines);
    }

    /** A replica's whole log: the output of every start of it. */
    public String log(int id) {
        return ReplicaLog.since(spec(id).logFile(), 0);
    }

    /** Every replica's log tail, for a failed test's report. */
    public String logTails(int lines) {
        final StringBuilder all = new StringBuilder();
        for (final int id : ids()) {
            all.append("==== replica ").append(id).append(" (").append(spec(id).logFile()).append("), last ")
                    .append(lines).append(" lines:\n").append(logTail(id, lines)).append('\n');
        }
        return all.toString();
    }

    /** Stops every replica (SIGTERM, then kill -9 after a grace period). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (final ReplicaProcess replica : replicas.values()) {
            try {
                replica.stop(STOP_GRACE);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private ReplicaProcess replica(int id) {
        final ReplicaProcess replica = replicas.get(id);
        if (replica == null) {
            throw new IllegalArgumentException("no replica " + id + "; replicas are " + ids());
        }
        return replica;
    }

    private void launch(int id) {
        try {
            replica(id).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + id, e);
        }
    }

    private void awaitReady(int id) {
        final ReplicaProcess replica = replica(id);
        final long startNs = System.nanoTime();
        await("replica " + id + " ready on port " + replica.spec().clientPort())
                .atMost(startDeadline).pollInterval(READY_POLL).until(() -> {
                    if (!replica.alive()) {
                        throw new IllegalStateException("replica " + id + " exited with code "
                                + replica.exitCode().orElse(-1) + " while starting; log:\n" + logTail(id, 40));
                    }
                    return ready.test(replica.spec());
                });
        System.out.printf("replica %d (pid %d) ready after %d ms%n", id, replica.pid(),
                (System.nanoTime() - startNs) / 1_000_000);
    }

    /** Replica {@code id}'s peer port in a cluster at {@code basePort}. */
    public static int peerPort(int basePort, int id) {
        return basePort + id;
    }

    /** Replica {@code id}'s client port (line or Redis) in a cluster at {@code basePort}. */
    public static int clientPort(int basePort, int id) {
        return basePort + 10 + id;
    }

    /** Ready when the line port answers {@code STATUS} with a {@code STATUS ...} line: simplesvr's readiness. */
    public static boolean answersStatus(ReplicaSpec spec) {
        return LineClient.tryExchange(spec.clientPort(), "STATUS", Duration.ofSeconds(5)).startsWith("STATUS ");
    }
}
