package io.spaxos.check;

import java.util.Objects;

/**
 * One client operation as a history records it: who issued it, when it was called and when it
 * returned, what it asked for and what it got back.
 *
 * <p>Times are in any unit the recorder likes (nanoseconds, event sequence numbers), as long as
 * all operations of one history share it. Operation A precedes operation B in real time only if
 * {@code A.returnTime < B.callTime}; equal times count as concurrent, the permissive reading.
 *
 * @param process    the client process that issued the operation (one operation at a time each)
 * @param callTime   when the operation was invoked
 * @param returnTime when it returned; {@link #NO_RETURN} if it never did. Ignored unless OK:
 *                   an indefinite operation may take effect at any time after its call
 * @param input      what the operation asked for (for example a write's value)
 * @param output     what it returned; meaningful only when {@code status} is OK
 * @param status     whether the operation happened, did not, or may have
 */
public record Operation<I, O>(int process, long callTime, long returnTime, I input, O output, Status status) {

    /** The return time of an operation that never returned. */
    public static final long NO_RETURN = Long.MAX_VALUE;

    /** What the client knows about the operation's outcome. */
    public enum Status {
        /** Completed: it took effect exactly once, between call and return, with this output. */
        OK,
        /** Definitely did not take effect (Jepsen {@code :fail}); the checker drops it. */
        FAIL,
        /**
         * Unknown (Jepsen {@code :info}, a timeout, a crash): it took effect once at some time
         * after its call, or never. Its output is unconstrained and its return is +infinity.
         */
        INDEFINITE
    }

    public Operation {
        Objects.requireNonNull(status, "status");
        if (returnTime < callTime) {
            throw new IllegalArgumentException(
                    "operation returns before it is called: call=" + callTime + " return=" + returnTime);
        }
    }

    /** A completed operation. */
    public static <I, O> Operation<I, O> ok(int process, long callTime, long returnTime, I input, O output) {
        return new Operation<>(process, callTime, returnTime, input, output, Status.OK);
    }

    /** An operation that definitely had no effect. */
    public static <I, O> Operation<I, O> failed(int process, long callTime, long returnTime, I input) {
        return new Operation<>(process, callTime, returnTime, input, null, Status.FAIL);
    }

    /** An operation whose outcome is unknown; it may take effect at any time after {@code callTime}. */
    public static <I, O> Operation<I, O> indefinite(int process, long callTime, I input) {
        return new Operation<>(process, callTime, NO_RETURN, input, null, Status.INDEFINITE);
    }

    /** True if the operation certainly took effect and its return bounds when. */
    public boolean isCompleted() {
        return status == Status.OK;
    }

    /** This operation with its outcome forgotten: it may or may not have taken effect. */
    public Operation<I, O> asIndefinite() {
        return new Operation<>(process, callTime, NO_RETURN, input, null, Status.INDEFINITE);
    }

    @Override
    public String toString() {
        final String returned = returnTime == NO_RETURN ? "-" : Long.toString(returnTime);
        return "p" + process + " [" + callTime + ".." + returned + "] " + input
                + (status == Status.OK ? " -> " + output : " " + status);
    }
}
