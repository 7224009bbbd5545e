package io.spaxos.bench.load;

/** Where a driver reports each finished request. Called from the drivers' own threads. */
public interface LatencySink {

    void ok(long latencyNs);

    void error(String message);
}
