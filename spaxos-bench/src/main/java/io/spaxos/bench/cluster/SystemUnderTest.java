package io.spaxos.bench.cluster;

import io.spaxos.bench.load.Driver;
import java.util.List;
import java.util.OptionalInt;

/**
 * One system the comparison runs: it starts with durable settings and waits until it takes
 * writes, hands out load drivers aimed at its leader, and stops and deletes its data on close.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** The name used in --systems and in the report, e.g. {@code spaxos}. */
    String name();

    /** Version and the settings that matter for durability, for the report. */
    String description();

    /** Starts every process and returns once the system takes writes. */
    void start() throws Exception;

    /** A new driver for {@code threads} client threads, aimed at the leader (or the only server). */
    Driver driver(int threads) throws Exception;

    /** The server processes, for memory readings. */
    List<Long> pids();

    /** The RESP port clients use, for the redis-benchmark cross-check; empty if not RESP. */
    default OptionalInt respPort() {
        return OptionalInt.empty();
    }

    /**
     * What happened inside the system during the run just finished that a reader of the numbers
     * should know (the leader moved; how many writes one consensus round carried); empty if nothing.
     */
    default String afterRun() {
        return "";
    }

    @Override
    void close();
}
