package io.spaxos.bench.load;

/**
 * One closed-loop run: {@code clients} connections, each with exactly one request outstanding,
 * writing values of {@code valueBytes}; the first {@code warmupSeconds} are discarded.
 */
public record LoadSpec(int clients, int valueBytes, int warmupSeconds, int measureSeconds) {

    public LoadSpec {
        if (clients < 1 || clients > 4096) {
            throw new IllegalArgumentException("clients must be in 1..4096: " + clients);
        }
        if (valueBytes < 1 || valueBytes > (1 << 20)) {
            throw new IllegalArgumentException("value bytes must be in 1..1048576: " + valueBytes);
        }
        if (warmupSeconds < 0 || measureSeconds < 1) {
            throw new IllegalArgumentException("need warm-up >= 0 and measured seconds >= 1");
        }
    }
}
