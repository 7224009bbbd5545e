package io.spaxos.sim;

import java.util.List;

/** The verdict of one simulated run, with enough counts to see that it exercised something. */
public record SimResult(SimParams params, List<Violation> violations, long chosenEntries, int crashes,
                        int partitions, long messagesDelivered) {

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The one command that replays this run exactly. */
    public String replayCommand() {
        return "bin/simulate --seed " + params.seed() + " --nodes " + params.nodes()
                + (params.variant() == Variant.NONE ? "" : " --variant " + params.variant());
    }
}
