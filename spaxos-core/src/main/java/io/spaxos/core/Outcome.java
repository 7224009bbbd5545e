package io.spaxos.core;

/**
 * What became of a proposal submitted at this replica. Each submitted proposal gets exactly one
 * outcome.
 */
public record Outcome(String reqid, Kind kind, long index, String reason) {

    public enum Kind {
        /** Chosen; {@code index} is its entry index in the chosen log. */
        CHOSEN,
        /** Definitely not chosen, and never will be: it is safe to submit it again. */
        NOT_CHOSEN,
        /** No outcome within the deadline: it may still be chosen later, or never. */
        UNKNOWN
    }

    public static Outcome chosen(String reqid, long index) {
        return new Outcome(reqid, Kind.CHOSEN, index, "");
    }

    public static Outcome notChosen(String reqid, String reason) {
        return new Outcome(reqid, Kind.NOT_CHOSEN, 0, reason);
    }

    public static Outcome unknown(String reqid, String reason) {
        return new Outcome(reqid, Kind.UNKNOWN, 0, reason);
    }
}
