package io.spaxos.sim;

/** A broken safety or liveness property, found by one of the checkers. */
public record Violation(String property, long tick, String detail) {

    @Override
    public String toString() {
        return property + " at tick " + tick + ": " + detail;
    }
}
