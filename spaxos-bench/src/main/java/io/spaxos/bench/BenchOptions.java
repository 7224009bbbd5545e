package io.spaxos.bench;

import io.spaxos.bench.load.LoadSpec;
import java.nio.file.Path;
import java.util.List;

/** The settings every mode shares, as parsed from the command line. */
record BenchOptions(List<Integer> clients, int valueBytes, int warmupSeconds, int measureSeconds, int rounds,
                    List<String> systems, Path out, Path workDir, int portBase, int clientThreads,
                    int redisBenchmarkRequests, String spaxosJavaOpts, Path repoRoot, String commandLine,
                    boolean keep, int systemWarmupSeconds) {

    LoadSpec spec(int clientCount) {
        return new LoadSpec(clientCount, valueBytes, warmupSeconds, measureSeconds);
    }

    /** A printable value of {@code valueBytes}: every system stores it as-is (etcd base64-encodes it). */
    byte[] value() {
        final byte[] value = new byte[valueBytes];
        final java.util.Random random = new java.util.Random(valueBytes);
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + random.nextInt(26));
        }
        return value;
    }
}
