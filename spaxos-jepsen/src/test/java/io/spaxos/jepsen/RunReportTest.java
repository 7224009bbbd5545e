package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.check.CheckResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static final RunOptions OPTIONS = RunOptions.defaults(Duration.ofSeconds(10), Set.of(FaultKind.KILL),
            "linearizable", Path.of("/tmp/run"), Ports.slot(0, 3), 1);
    private static final HistoryCheck.Verdict LINEARIZABLE = new HistoryCheck.Verdict(
            CheckResult.Verdict.LINEARIZABLE, "LINEARIZABLE", Optional.empty(), List.of(), 10);
    private static final Convergence.Result SAME = new Convergence.Result(true, "same", List.of());
    private static final List<Op> OPS = List.of(new Op(0, 1, "k0", Op.Fn.WRITE, 1, null, 1, 2, Op.Type.OK, null, null));

    @Test
    void a_linearizable_converged_run_that_served_after_healing_is_valid() {
        assertThat(report(List.of(), 5, SAME).valid()).isTrue();
    }

    @Test
    void a_replica_that_exited_by_itself_makes_the_run_invalid() {
        final RunReport report = report(List.of("replica 2 exited by itself with code 1"), 5, SAME);
        assertThat(report.valid()).isFalse();
        assertThat(report.summary()).contains("crash: replica 2 exited by itself");
    }

    @Test
    void no_service_after_healing_or_diverged_replicas_make_the_run_invalid() {
        assertThat(report(List.of(), 0, SAME).valid()).isFalse();
        assertThat(report(List.of(), 5, new Convergence.Result(false, "differ", List.of())).valid()).isFalse();
    }

    private static RunReport report(List<String> exits, long okAfterHeal, Convergence.Result convergence) {
        return new RunReport(OPTIONS, Duration.ofSeconds(20), OPS, Map.of(FaultKind.KILL, 2), null, exits, okAfterHeal,
                LINEARIZABLE, convergence);
    }
}
