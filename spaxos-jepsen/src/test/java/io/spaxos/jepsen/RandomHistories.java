package io.spaxos.jepsen;

import io.spaxos.check.Operation;
import io.spaxos.check.RegisterOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Concurrent register histories for property tests: operations of a few processes, each given a
 * linearization point inside its interval and its output from a sequential run in that order,
 * so the history is linearizable; some are indefinite (taking effect or not), and half the
 * histories get one read's result corrupted, which usually makes them fail.
 */
final class RandomHistories {

    static final int VALUES = 4;
    private static final int PROCESSES = 4;
    private static final int OPS = 40;

    private RandomHistories() {
    }

    private record Planned(int process, long call, long ret, long point, RegisterOp<Integer> op, boolean indefinite,
                           boolean applies) {
    }

    static List<Operation<RegisterOp<Integer>, Object>> generate(Random random) {
        final List<Planned> planned = new ArrayList<>();
        final long[] free = new long[PROCESSES];
        for (int i = 0; i < OPS; i++) {
            final int p = random.nextInt(PROCESSES);
            final long call = free[p] + 1 + random.nextInt(5);
            final long ret = call + 1 + random.nextInt(12);
            free[p] = ret;
            final int kind = random.nextInt(3);
            final RegisterOp<Integer> op = kind == 0 ? RegisterOp.read()
                    : kind == 1 ? RegisterOp.write(random.nextInt(VALUES))
                    : RegisterOp.cas(random.nextInt(VALUES), random.nextInt(VALUES));
            final boolean indefinite = kind != 0 && random.nextInt(10) == 0;
            final long point = indefinite ? call + random.nextInt(40) : call + random.nextInt((int) (ret - call + 1));
            planned.add(new Planned(p, call, ret, point, op, indefinite, !indefinite || random.nextBoolean()));
        }
        final List<Planned> byPoint = new ArrayList<>(planned);
        byPoint.sort(Comparator.comparingLong(Planned::point));
        Integer state = null;
        final List<Operation<RegisterOp<Integer>, Object>> history = new ArrayList<>();
        final boolean corrupt = random.nextBoolean();
        int readsLeftToCorrupt = corrupt ? 1 + random.nextInt(8) : -1;
        for (final Planned p : byPoint) {
            Object output = null;
            if (p.op() instanceof RegisterOp.Read<Integer>) {
                output = state;
                if (--readsLeftToCorrupt == 0) {
                    output = (state == null ? 0 : state + 1) % VALUES;
                }
            } else if (p.op() instanceof RegisterOp.Write<Integer> w && p.applies()) {
                state = w.value();
            } else if (p.op() instanceof RegisterOp.Cas<Integer> c && p.applies()) {
                output = Objects.equals(state, c.from());
                state = Boolean.TRUE.equals(output) ? c.to() : state;
            }
            history.add(p.indefinite() ? Operation.indefinite(p.process(), p.call(), p.op())
                    : Operation.ok(p.process(), p.call(), p.ret(), p.op(), output));
        }
        history.sort(Comparator.comparingLong(Operation::callTime));
        return history;
    }
}
