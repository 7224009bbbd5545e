package io.spaxos.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Collects violations with the tick they were found at; keeps the first few, counts the rest. */
final class Violations {

    private static final int MAX_KEPT = 20;
    private static final int MAX_DETAIL_CHARS = 1200;

    private final List<Violation> kept = new ArrayList<>();
    private final LongSupplier clock;

    Violations(LongSupplier clock) {
        this.clock = clock;
    }

    void add(String property, String detail) {
        if (kept.size() < MAX_KEPT) {
            final String shown = detail.length() <= MAX_DETAIL_CHARS ? detail
                    : detail.substring(0, MAX_DETAIL_CHARS) + "...(" + detail.length() + " chars)";
            kept.add(new Violation(property, clock.getAsLong(), shown));
        }
    }

    List<Violation> list() {
        return List.copyOf(kept);
    }

    boolean any() {
        return !kept.isEmpty();
    }
}
