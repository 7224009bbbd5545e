package io.spaxos.bench;

import io.spaxos.bench.cluster.Installer;
import io.spaxos.bench.cluster.Ports;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs redis-benchmark's SET test against a RESP port and returns its summary line. */
final class RedisBenchmark {

    private RedisBenchmark() {
    }

    static String run(int port, int requests, int clients, int valueBytes) {
        try {
            final Path tool = Installer.require("redis-benchmark", "redis-tools");
            final Process p = new ProcessBuilder(List.of(tool.toString(), "-h", Ports.HOST, "-p", String.valueOf(port),
                    "-t", "set", "-n", String.valueOf(requests), "-c", String.valueOf(clients), "-d",
                    String.valueOf(valueBytes), "-q")).redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "timed out";
            }
            return summary(out);
        } catch (Exception e) {
            return "failed: " + e.getMessage();
        }
    }

    /** The last "SET: ... requests per second ..." line; progress lines are separated by carriage returns. */
    static String summary(String output) {
        String last = null;
        for (final String line : output.split("[\r\n]+")) {
            if (line.strip().startsWith("SET:") && line.contains("requests per second")) {
                last = line.strip();
            }
        }
        return last != null ? last : "no summary in output: " + output.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
