package io.spaxos.jepsen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One replica's JVM over its restarts: {@code java ... SpaxosMain server --config FILE --id N},
 * started, killed with {@code kill -9}, paused with {@code SIGSTOP} and resumed with
 * {@code SIGCONT}, restarted on the same config and data. Output goes to {@code replica-N.log}.
 */
final class ReplicaProcess {

    /** Processes started here and not yet seen dead: killed if the harness JVM exits first. */
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);
    private static final Duration SIGNAL_DEADLINE = Duration.ofSeconds(10);
    /** Three replicas, the harness and the checker share the machine: small heaps, quick start-up. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");
    static final String MAIN_CLASS = "io.spaxos.server.cli.SpaxosMain";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ProcessHandle::destroyForcibly),
                "jepsen-replica-reaper"));
    }

    private final int id;
    private final Path configFile;
    private final Path logFile;
    private final Path tmpDir;
    private final String classpath;
    private Process process;
    /** True once the harness killed or stopped the current process: its exit is no finding. */
    private boolean exitExpected;
    /** True once an unexpected exit of the current process was reported. */
    private boolean exitReported;
    private boolean paused;
    private int starts;

    ReplicaProcess(int id, Path configFile, Path logFile, Path tmpDir, String classpath) {
        this.id = id;
        this.configFile = configFile;
        this.logFile = logFile;
        this.tmpDir = tmpDir;
        this.classpath = classpath;
    }

    int id() {
        return id;
    }

    Path logFile() {
        return logFile;
    }

    synchronized void start() {
        if (alive()) {
            throw new IllegalStateException("replica " + id + " is already running (pid " + process.pid() + ")");
        }
        starts++;
        final List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(JVM_OPTIONS);
        // RocksDB unpacks its native library into the temporary directory on every start, and a
        // kill -9 leaves it there: each replica gets its own directory, emptied before a start.
        argv.add("-Djava.io.tmpdir=" + tmpDir);
        argv.addAll(List.of("-cp", classpath, MAIN_CLASS, "server", "--config", configFile.toString(),
                "--id", Integer.toString(id)));
        try {
            emptyDirectory(tmpDir);
            Files.writeString(logFile, "---- " + LocalTime.now() + " start #" + starts + " of replica " + id + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + id, e);
        }
        paused = false;
        exitExpected = false;
        exitReported = false;
        LIVE.add(process.toHandle());
    }

    /**
     * If the current process exited without the harness asking (a crash, a fail-stop after an
     * internal error), a description of that, once; empty otherwise.
     */
    synchronized Optional<String> unexpectedExit() {
        if (process == null || process.isAlive() || exitExpected || exitReported) {
            return Optional.empty();
        }
        exitReported = true;
        LIVE.remove(process.toHandle());
        return Optional.of("replica " + id + " (pid " + process.pid() + ", start #" + starts
                + ") exited by itself with code " + process.exitValue() + "; see " + logFile);
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized boolean paused() {
        return paused && alive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@code kill -9}; returns once the process is gone. A paused process dies too. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        exitExpected = true;
        process.destroyForcibly();
        awaitExit();
        paused = false;
    }

    /** {@code SIGSTOP}: the JVM freezes, its sockets stay open (a long GC pause, a stalled VM). */
    synchronized void pause() {
        if (alive() && !paused) {
            signal("STOP");
            paused = true;
        }
    }

    /** {@code SIGCONT}. */
    synchronized void resume() {
        if (alive() && paused) {
            signal("CONT");
        }
        paused = false;
    }

    /** Resumes if paused, asks the server to stop (SIGTERM), and kills it if it lingers. */
    synchronized void stop(Duration grace) {
        if (!alive()) {
            return;
        }
        resume();
        exitExpected = true;
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private void signal(String name) {
        try {
            final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(SIGNAL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " did not finish");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + name + " to replica " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + name, e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("replica " + id + " (pid " + process.pid() + ") still runs "
                        + EXIT_DEADLINE + " after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for replica " + id + " to exit", e);
        }
        LIVE.remove(process.toHandle());
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(dir)) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
        Files.createDirectories(dir);
    }
}
