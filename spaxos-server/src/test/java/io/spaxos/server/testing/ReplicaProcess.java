package io.spaxos.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One replica's OS process over its restarts: started, killed, restarted with the same files. */
final class ReplicaProcess {

    /** Processes the test JVM started and has not seen die: killed if the test JVM exits first. */
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ReplicaProcess::killTree),
                "process-cluster-reaper"));
    }

    private final ReplicaSpec spec;
    private final List<String> argv;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    ReplicaProcess(ReplicaSpec spec, List<String> argv, Map<String, String> environment) {
        this.spec = spec;
        this.argv = List.copyOf(argv);
        this.environment = Map.copyOf(environment);
    }

    ReplicaSpec spec() {
        return spec;
    }

    synchronized void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException("replica " + spec.id() + " is already running (pid " + process.pid() + ")");
        }
        starts++;
        Files.writeString(spec.logFile(), "---- " + LocalTime.now() + " start #" + starts + " of replica " + spec.id()
                + ": " + String.join(" ", argv) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        final ProcessBuilder builder = new ProcessBuilder(argv).directory(SpaxosBin.repoRoot().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        LIVE.add(process.toHandle());
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last process, if it has exited. */
    synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@code kill -9}, then waits until the process is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        killTree(process.toHandle());
        awaitExit();
    }

    /** A polite stop (SIGTERM, the server's shutdown hook runs), then {@code kill -9} if it lingers. */
    synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    /** Waits for the process to exit on its own; the exit code, or empty if it still runs after {@code deadline}. */
    Optional<Integer> awaitExit(Duration deadline) throws InterruptedException {
        final Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        LIVE.remove(p.toHandle());
        return Optional.of(p.exitValue());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("replica " + spec.id() + " (pid " + process.pid()
                        + ") still running " + EXIT_DEADLINE + " after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for replica " + spec.id() + " to exit", e);
        }
        LIVE.remove(process.toHandle());
    }

    /** The script execs java, but while it builds it has children (Maven): they go too. */
    private static void killTree(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
    }
}
