package io.spaxos.jepsen;

/**
 * What a reply, or its absence, says about an operation's effect. Only a reply that proves the
 * command had no effect is a failure; anything doubtful (a timeout, a dropped connection, an
 * unknown outcome, an error the harness does not know) is indefinite, which the checker treats
 * as "may have happened, at any time after the call". Calling a doubtful outcome a failure would
 * make the checker report violations the system never committed.
 */
final class Outcomes {

    /** spaxos's "definitely not chosen": the proposal was refused or lost its index. */
    static final String NOT_APPLIED = "ERR not applied";

    /** How an operation ended: its type, the value it returned if OK, and the error text otherwise. */
    record Outcome(Op.Type type, Object result, String error) {
    }

    private Outcomes() {
    }

    static Outcome of(Op.Fn f, RespReply reply) {
        if (reply instanceof RespReply.Error error) {
            if (error.text().startsWith(NOT_APPLIED)) {
                return new Outcome(Op.Type.FAIL, null, error.text());
            }
            // TRYAGAIN (unknown outcome), "applied but its reply is not available", anything else.
            return new Outcome(Op.Type.INFO, null, error.text());
        }
        switch (f) {
            case READ:
                if (reply instanceof RespReply.Bulk bulk) {
                    return new Outcome(Op.Type.OK, bulk.isNil() ? null : parseValue(bulk.text()), null);
                }
                break;
            case WRITE:
                if (reply instanceof RespReply.Simple simple && "OK".equals(simple.text())) {
                    return new Outcome(Op.Type.OK, null, null);
                }
                break;
            case CAS:
                // SET k v IFEQ old: +OK when it swapped, nil when the value was not old.
                if (reply instanceof RespReply.Simple simple && "OK".equals(simple.text())) {
                    return new Outcome(Op.Type.OK, Boolean.TRUE, null);
                }
                if (reply instanceof RespReply.Bulk bulk && bulk.isNil()) {
                    return new Outcome(Op.Type.OK, Boolean.FALSE, null);
                }
                break;
            default:
                break;
        }
        return new Outcome(Op.Type.INFO, null, "unexpected reply " + reply);
    }

    /** No reply: the request may have reached the server and been applied, or not. */
    static Outcome of(Exception noReply) {
        return new Outcome(Op.Type.INFO, null, noReply.getClass().getSimpleName()
                + (noReply.getMessage() == null ? "" : ": " + noReply.getMessage()));
    }

    /** Values are small integers; anything else is kept as text, and no write explains it. */
    static Object parseValue(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
