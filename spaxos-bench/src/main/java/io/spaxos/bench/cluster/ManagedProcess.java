package io.spaxos.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server process the harness started: output to a log file, stopped with TERM then KILL. */
public final class ManagedProcess {

    private static final long STOP_WAIT_MS = 15_000;

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Path log, Map<String, String> env)
            throws IOException {
        Files.createDirectories(log.getParent());
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        try {
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new IOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The JVM's pid when this process is a launcher script that started one (bin/spaxos), so memory
     * readings see the server rather than the shell; otherwise the process's own pid.
     */
    public long javaPid() {
        if (isJava(process.toHandle())) {
            return process.pid();
        }
        return process.descendants().filter(ManagedProcess::isJava).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the end of the log if the process has exited. */
    public void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with status " + process.exitValue() + "; the end of " + log + ":\n"
                    + tail(20));
        }
    }

    public String tail(int lines) {
        try {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** TERM to the process and its descendants, then KILL whatever is left after a grace period. */
    public void stop() {
        final List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
