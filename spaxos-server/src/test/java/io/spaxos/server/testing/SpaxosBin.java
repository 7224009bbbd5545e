package io.spaxos.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code bin/} scripts, as a test starts them: finds the repository root, builds
 * the server once per test JVM (the scripts build on first use), and runs a command to its exit.
 */
public final class SpaxosBin {

    /**
     * The scripts rebuild when a source is newer than their last build, which on a fresh checkout
     * (or after an edit) is a whole Maven build of the server and the modules below it.
     */
    public static final Duration BUILD_DEADLINE = Duration.ofMinutes(15);
    /** Bounds the directories walked up from the working directory to find {@code mvnw}. */
    private static final int MAX_PARENT_DIRS = 20;
    /**
     * JVM options for replica processes: three JVMs on two cores start faster with the serial
     * collector and C1 only, and a small heap keeps a kill/restart loop from swapping.
     */
    public static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m";

    /** {@code script} (the default): start replicas by {@code bin/simplesvr}; {@code java}: by plain java. */
    public static final String LAUNCH_PROPERTY = "spaxos.it.launch";

    private static volatile boolean built;

    private SpaxosBin() {
    }

    /** The directory holding {@code mvnw}, walking up from {@code user.dir}. */
    public static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < MAX_PARENT_DIRS && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw in " + System.getProperty("user.dir") + " or its parents");
    }

    /**
     * {@code bin/simplesvr CONFIG 127.0.0.1:PORT extraArgs...}; or, with {@code -Dspaxos.it.launch=java},
     * the {@code java} command that script execs, for a shared checkout where other people's edits
     * would make every start rebuild first.
     */
    public static List<String> simplesvr(Path config, int linePort, String... extraArgs) {
        final List<String> args = new ArrayList<>(List.of(config.toString(), "127.0.0.1:" + linePort));
        args.addAll(List.of(extraArgs));
        return simplesvr(args);
    }

    /** {@code bin/simplesvr args...} (or its java command, as above). */
    public static List<String> simplesvr(List<String> args) {
        return script("simplesvr", "io.spaxos.server.cli.SimpleSvrMain", args);
    }

    /** {@code bin/spaxos args...}, e.g. {@code server --config FILE}: the Redis-protocol server. */
    public static List<String> spaxos(List<String> args) {
        return script("spaxos", "io.spaxos.server.cli.SpaxosMain", args);
    }

    /**
     * {@code bin/<name> args...}, a script that builds the server and execs {@code mainClass}; with
     * {@code -Dspaxos.it.launch=java}, that java command directly.
     */
    public static List<String> script(String name, String mainClass, List<String> args) {
        final List<String> argv = new ArrayList<>(launchesJava()
                ? javaCommand(mainClass)
                : List.of(repoRoot().resolve("bin").resolve(name).toString()));
        argv.addAll(args);
        return argv;
    }

    /**
     * What the server scripts exec, without their build check: {@code java $SPAXOS_JAVA_OPTS -cp
     * <the bin scripts' class path> mainClass ARGS...}, through bash so the options come from the
     * environment as they do for the script.
     */
    public static List<String> javaCommand(String mainClass) {
        final Path server = repoRoot().resolve("spaxos-server/target");
        if (!Files.isDirectory(server.resolve("classes")) || !Files.isDirectory(server.resolve("lib"))) {
            throw new IllegalStateException(server + " has no classes/ and lib/: run './mvnw -pl spaxos-server -am package'");
        }
        return List.of("bash", "-c", "exec \"$0\" ${SPAXOS_JAVA_OPTS:-} -cp \"$1\" \"$2\" \"${@:3}\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                server.resolve("classes") + File.pathSeparator + server.resolve("lib") + File.separator + "*",
                mainClass);
    }

    static boolean launchesJava() {
        return "java".equals(System.getProperty(LAUNCH_PROPERTY, "script"));
    }

    /**
     * Lets the server scripts build what they need once, up front ({@code bin/simplesvr --version}
     * runs the build check of spaxos-server and exits), so that a replica's start deadline
     * measures its start, not a build.
     */
    public static synchronized void ensureServerBuilt() {
        if (built || launchesJava()) {
            return;
        }
        final Result version = run(simplesvr(List.of("--version")), BUILD_DEADLINE, Map.of());
        if (version.exitCode() != 0) {
            throw new IllegalStateException("bin/simplesvr --version failed (exit " + version.exitCode() + "):\n"
                    + version.output());
        }
        built = true;
    }

    /**
     * Runs {@code argv} in the repository root to its exit, output and error merged; kills it
     * (and its children) if it outlives {@code deadline}.
     */
    public static Result run(List<String> argv, Duration deadline, Map<String, String> environment) {
        try {
            final Path output = Files.createTempFile("spaxos-run-", ".log");
            try {
                final ProcessBuilder builder = new ProcessBuilder(argv).directory(repoRoot().toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putIfAbsent("SPAXOS_JAVA_OPTS", DEFAULT_JAVA_OPTS);
                builder.environment().putAll(environment);
                final long startNs = System.nanoTime();
                final Process process = builder.start();
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    throw new IllegalStateException(argv + " still running after " + deadline + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                        Duration.ofNanos(System.nanoTime() - startNs));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }

    /** How a command ended: its exit code and its merged output and error. */
    public record Result(int exitCode, String output, Duration wallTime) {

        /** Output lines, without the build script's progress lines ({@code spaxos: building ...}). */
        public List<String> lines() {
            return output.lines().filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("spaxos: building")).toList();
        }
    }
}
