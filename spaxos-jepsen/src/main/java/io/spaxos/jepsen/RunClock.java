package io.spaxos.jepsen;

/** Microseconds since the run started, from {@link System#nanoTime}: one time base for every operation. */
final class RunClock {

    private final long startNs = System.nanoTime();

    long nowUs() {
        return (System.nanoTime() - startNs) / 1_000;
    }
}
