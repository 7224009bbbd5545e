package io.spaxos.jepsen;

import io.spaxos.check.CheckResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run found.
 *
 * @param ops          every client operation (final reads excluded)
 * @param faults       faults injected and undone, by kind
 * @param nemesisError why the nemesis stopped early, or null
 * @param unexpectedExits replicas that exited without being killed (a crash, a fail-stop)
 * @param okAfterHeal  operations that succeeded after the last fault was healed
 * @param check        the linearizability verdict
 * @param convergence  whether every replica ended with the same data
 */
record RunReport(RunOptions options, Duration took, List<Op> ops, Map<FaultKind, Integer> faults, String nemesisError,
                 List<String> unexpectedExits, long okAfterHeal, HistoryCheck.Verdict check, Convergence.Result convergence) {

    private static final int BRIEF_PREFIX_OPS = 12;

    /** Linearizable, converged, available again after healing, every fault undone, no replica crashed. */
    boolean valid() {
        return check.linearizable() && convergence.identical() && okAfterHeal > 0 && nemesisError == null
                && unexpectedExits.isEmpty();
    }

    boolean violation() {
        return !check.linearizable() && check.verdict() == CheckResult.Verdict.NOT_LINEARIZABLE;
    }

    int faultCount() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    long count(Op.Type type) {
        return ops.stream().filter(op -> op.type() == type).count();
    }

    String summary() {
        final Map<Op.Fn, Long> byFn = new EnumMap<>(Op.Fn.class);
        ops.forEach(op -> byFn.merge(op.f(), 1L, Long::sum));
        final StringBuilder text = new StringBuilder()
                .append("verdict: ").append(valid() ? "VALID" : "INVALID").append('\n')
                .append("read_mode: ").append(options.readMode()).append('\n')
                .append("nemesis: ").append(options.nemeses().isEmpty() ? "none"
                        : options.nemeses().stream().map(FaultKind::cliName).sorted().collect(Collectors.joining(",")))
                .append(", seed ").append(options.seed()).append('\n')
                .append("ran: ").append(took.toSeconds()).append(" s (faults for ").append(options.time().toSeconds())
                .append(" s)\n")
                .append("operations: ").append(ops.size()).append(" (").append(count(Op.Type.OK)).append(" ok, ")
                .append(count(Op.Type.FAIL)).append(" failed, ").append(count(Op.Type.INFO)).append(" indefinite; ")
                .append(byFn.getOrDefault(Op.Fn.READ, 0L)).append(" reads, ").append(byFn.getOrDefault(Op.Fn.WRITE, 0L))
                .append(" writes, ").append(byFn.getOrDefault(Op.Fn.CAS, 0L)).append(" cas) on ")
                .append(ops.stream().map(Op::key).distinct().count()).append(" keys\n")
                .append("faults: ").append(faultCount()).append(' ').append(describeFaults()).append('\n')
                .append("ok operations after healing: ").append(okAfterHeal).append('\n')
                .append("linearizability: ").append(check.verdict()).append(" (").append(check.steps())
                .append(" search steps)\n")
                .append("replicas: ").append(convergence.detail()).append('\n');
        unexpectedExits.forEach(exit -> text.append("crash: ").append(exit).append('\n'));
        if (nemesisError != null) {
            text.append("nemesis error: ").append(nemesisError).append('\n');
        }
        if (!check.linearizable()) {
            text.append('\n').append(check.brief(BRIEF_PREFIX_OPS)).append('\n');
        }
        if (violation()) {
            text.append('\n').append(HistoryCheck.explainSmallest(check));
        }
        return text.toString();
    }

    private String describeFaults() {
        final Map<FaultKind, Integer> sorted = new EnumMap<>(FaultKind.class);
        sorted.putAll(faults);
        return sorted.entrySet().stream().map(e -> e.getKey().cliName() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
