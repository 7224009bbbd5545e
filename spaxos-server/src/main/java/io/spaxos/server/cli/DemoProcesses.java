package io.spaxos.server.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The demo's replica processes: started as {@code SpaxosMain server}, each logging to its own file. */
final class DemoProcesses {

    private static final long STOP_WAIT_MS = 10_000;
    private static final long POLL_MS = 100;
    private static final int LOG_TAIL_LINES = 15;
    private static final int MAX_READY_SCAN_BYTES = 1 << 20;

    private final Path home;
    private final Path config;
    private final Map<Integer, Process> processes = new TreeMap<>();
    /** Where each replica's log stood when it was started: its ready line must come after. */
    private final Map<Integer, Long> logStart = new TreeMap<>();
    private volatile boolean stopping;

    DemoProcesses(Path home, Path config) {
        this.home = home;
        this.config = config;
    }

    synchronized void start(int id) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The replicas run with this JVM's options (-Xmx, -D...), minus debugger agents.
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SpaxosMain.class.getName(),
                "server", "--config", config.toString(), "--id", Integer.toString(id)));
        final Path log = logFile(id);
        logStart.put(id, Files.exists(log) ? Files.size(log) : 0L);
        processes.put(id, new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start());
    }

    Path logFile(int id) {
        return home.resolve("replica-" + id + ".log");
    }

    /**
     * Waits until every replica printed its ready line (a port that answers could belong to
     * someone else); false, after saying why, if one exits or time runs out.
     */
    boolean awaitReady(long timeoutMs) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final int id : processes.keySet()) {
            while (!printedReady(id)) {
                final Process p = processes.get(id);
                if (!p.isAlive()) {
                    System.err.println("spaxos demo: replica " + id + " exited with code " + p.exitValue()
                            + " while starting; the end of " + logFile(id) + ":");
                    printTail(id);
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("spaxos demo: replica " + id + " did not start within " + timeoutMs / 1000
                            + " s; see " + logFile(id));
                    return false;
                }
                Thread.sleep(POLL_MS);
            }
        }
        return true;
    }

    private boolean printedReady(int id) {
        try (RandomAccessFile log = new RandomAccessFile(logFile(id).toFile(), "r")) {
            final long from = logStart.get(id);
            if (log.length() <= from) {
                return false;
            }
            final byte[] added = new byte[(int) Math.min(log.length() - from, MAX_READY_SCAN_BYTES)];
            log.seek(from);
            log.readFully(added);
            return new String(added, StandardCharsets.UTF_8).contains(String.format(ServerCommand.READY, id));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the replica on {@code redisPort} knows a master, so the first command a user
     * types is answered at once; false after the deadline (the demo still runs).
     */
    boolean awaitMaster(int redisPort, long timeoutMs) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (knowsMaster(redisPort)) {
                return true;
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    private static boolean knowsMaster(int redisPort) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort), 200);
            s.setSoTimeout(1000);
            s.getOutputStream().write("INFO replication\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            final String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.contains("spaxos_master_id:") && !reply.contains("spaxos_master_id:0\r");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stays in the foreground, reporting replicas that exit, until all have (or Ctrl-C). */
    void watch() throws InterruptedException {
        final List<Integer> running = new ArrayList<>(processes.keySet());
        while (!running.isEmpty()) {
            for (final Integer id : List.copyOf(running)) {
                final Process p = processes.get(id);
                if (p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                    running.remove(id);
                    if (!stopping) {
                        System.err.println("spaxos demo: replica " + id + " exited with code " + p.exitValue()
                                + (running.size() >= 2 ? "; the other two keep serving" : "")
                                + " (log: " + logFile(id) + ")");
                    }
                }
            }
        }
    }

    /** Asks every replica to stop (SIGTERM: each closes its storage cleanly), then waits; forces stragglers. */
    synchronized void stopAll() {
        stopping = true;
        processes.values().forEach(Process::destroy);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (final Map.Entry<Integer, Process> e : processes.entrySet()) {
            try {
                final long leftMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!e.getValue().waitFor(leftMs, TimeUnit.MILLISECONDS)) {
                    System.err.println("spaxos demo: replica " + e.getKey() + " did not stop in time; killing it");
                    e.getValue().destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                e.getValue().destroyForcibly();
            }
        }
    }

    private void printTail(int id) {
        try {
            final List<String> lines = Files.readAllLines(logFile(id));
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(l -> System.err.println("  " + l));
        } catch (IOException e) {
            System.err.println("  (cannot read it: " + e.getMessage() + ")");
        }
    }
}
