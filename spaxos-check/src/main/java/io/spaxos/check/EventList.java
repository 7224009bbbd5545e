package io.spaxos.check;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of a history in time order, as a doubly linked list from which an
 * operation's events are unlinked when it is linearized and relinked, in reverse order, when
 * the search backtracks (Knuth's "dancing links": O(1) both ways, valid because the search
 * undoes in LIFO order).
 *
 * <p>Entries are ints: entry {@code 2*op} is the call of operation {@code op}, {@code 2*op+1}
 * its return. Indefinite operations have no return entry: they may take effect at any time
 * after their call, or never.
 */
final class EventList {

    static final int END = -1;

    private final int head;
    private final int[] next;
    private final int[] prev;
    private final boolean[] hasReturn;

    /**
     * @param ops the operations; every one takes part, those not completed without a return
     */
    EventList(List<? extends Operation<?, ?>> ops) {
        final int opCount = ops.size();
        this.head = 2 * opCount;
        this.next = new int[2 * opCount + 1];
        this.prev = new int[2 * opCount + 1];
        this.hasReturn = new boolean[opCount];
        int eventCount = 0;
        final long[][] events = new long[2 * opCount][];
        for (int op = 0; op < opCount; op++) {
            final Operation<?, ?> operation = ops.get(op);
            // {time, 0 for a call or 1 for a return, entry}: at equal times calls go first, so
            // operations that touch in time count as concurrent (the permissive reading).
            events[eventCount++] = new long[] {operation.callTime(), 0, 2L * op};
            if (operation.isCompleted()) {
                hasReturn[op] = true;
                events[eventCount++] = new long[] {operation.returnTime(), 1, 2L * op + 1};
            }
        }
        final long[][] ordered = Arrays.copyOf(events, eventCount);
        Arrays.sort(ordered, Comparator.<long[]>comparingLong(e -> e[0])
                .thenComparingLong(e -> e[1]).thenComparingLong(e -> e[2]));
        int last = head;
        for (final long[] event : ordered) {
            final int entry = (int) event[2];
            next[last] = entry;
            prev[entry] = last;
            last = entry;
        }
        next[last] = END;
    }

    int first() {
        return next[head];
    }

    int next(int entry) {
        return next[entry];
    }

    static boolean isCall(int entry) {
        return (entry & 1) == 0;
    }

    static int op(int entry) {
        return entry >>> 1;
    }

    boolean hasReturn(int op) {
        return hasReturn[op];
    }

    /** Unlinks the call entry {@code call} and its operation's return entry, if any. */
    void lift(int call) {
        unlink(call);
        if (hasReturn[op(call)]) {
            unlink(call + 1);
        }
    }

    /** Undoes the matching {@link #lift}; must be called in reverse order of lifting. */
    void unlift(int call) {
        if (hasReturn[op(call)]) {
            relink(call + 1);
        }
        relink(call);
    }

    private void unlink(int entry) {
        next[prev[entry]] = next[entry];
        if (next[entry] != END) {
            prev[next[entry]] = prev[entry];
        }
    }

    private void relink(int entry) {
        next[prev[entry]] = entry;
        if (next[entry] != END) {
            prev[next[entry]] = entry;
        }
    }
}
