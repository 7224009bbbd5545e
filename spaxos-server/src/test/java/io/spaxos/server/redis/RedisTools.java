package io.spaxos.server.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code redis-cli} and {@code redis-benchmark} (Debian's redis-tools), run to their exit. */
final class RedisTools {

    /** How a run ended: exit code, standard output, standard error. */
    record Run(int exitCode, String out, String err) {
    }

    private RedisTools() {
    }

    /** {@code redis-cli -p PORT args...}; its output without the trailing newline. */
    static String cli(int port, String... args) throws IOException, InterruptedException {
        final List<String> argv = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        argv.addAll(List.of(args));
        final Run run = run(argv, Duration.ofSeconds(60));
        if (run.exitCode() != 0) {
            throw new AssertionError(argv + " exited with " + run.exitCode() + ": " + run.out() + run.err());
        }
        return run.out().stripTrailing();
    }

    static Run benchmark(int port, String... args) throws IOException, InterruptedException {
        final List<String> argv = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        argv.addAll(List.of(args));
        return run(argv, Duration.ofMinutes(5));
    }

    static Run run(List<String> argv, Duration deadline) throws IOException, InterruptedException {
        final Path out = Files.createTempFile("redis-tool-", ".out");
        final Path err = Files.createTempFile("redis-tool-", ".err");
        try {
            final Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(argv + " still running after " + deadline + ": "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
