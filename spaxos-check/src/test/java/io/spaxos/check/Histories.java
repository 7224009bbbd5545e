package io.spaxos.check;

import java.util.List;

/** Shorthand for hand-written register histories in tests. */
final class Histories {

    static final RegisterModel<Integer> REGISTER = new RegisterModel<>();

    private Histories() {
    }

    static Operation<RegisterOp<Integer>, Object> read(int process, long call, long ret, Integer seen) {
        return Operation.ok(process, call, ret, RegisterOp.read(), seen);
    }

    static Operation<RegisterOp<Integer>, Object> write(int process, long call, long ret, Integer value) {
        return Operation.ok(process, call, ret, RegisterOp.write(value), null);
    }

    static Operation<RegisterOp<Integer>, Object> cas(
            int process, long call, long ret, Integer from, Integer to, boolean swapped) {
        return Operation.ok(process, call, ret, RegisterOp.cas(from, to), swapped);
    }

    static Operation<RegisterOp<Integer>, Object> failedCas(
            int process, long call, long ret, Integer from, Integer to) {
        return Operation.failed(process, call, ret, RegisterOp.cas(from, to));
    }

    static Operation<RegisterOp<Integer>, Object> indefiniteWrite(int process, long call, Integer value) {
        return Operation.indefinite(process, call, RegisterOp.write(value));
    }

    @SafeVarargs
    static CheckResult.Verdict verdictOf(Operation<RegisterOp<Integer>, Object>... history) {
        return LinearizabilityChecker.check(List.of(history), REGISTER).verdict();
    }
}
