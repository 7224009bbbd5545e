package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The short form: three replica processes, five clients, one kind of fault at a time for
 * {@link #FAULTS}; every run must stay linearizable, end with identical replicas and serve
 * clients again once healed.
 */
class FaultInjectionIT {

    static final Duration FAULTS = Duration.ofSeconds(40);

    @Test
    void kill_nine_of_a_replica_or_the_master_then_restart_stays_linearizable() {
        assertValid(Scenarios.run(Scenarios.options("kill", 1, Set.of(FaultKind.KILL), "linearizable", FAULTS, 101)),
                FaultKind.KILL);
    }

    @Test
    void sigstop_of_a_replica_or_the_master_then_sigcont_stays_linearizable() {
        assertValid(Scenarios.run(Scenarios.options("pause", 2, Set.of(FaultKind.PAUSE), "linearizable", FAULTS, 102)),
                FaultKind.PAUSE);
    }

    @Test
    void partitions_isolating_a_replica_or_the_master_bridges_and_one_way_cuts_stay_linearizable() {
        assertValid(Scenarios.run(Scenarios.options("partition", 3, Set.of(FaultKind.PARTITION), "linearizable",
                FAULTS, 103)), FaultKind.PARTITION);
    }

    @Test
    void kill_nine_of_every_replica_at_once_then_restart_stays_linearizable() {
        assertValid(Scenarios.run(Scenarios.options("restart", 4, Set.of(FaultKind.RESTART), "linearizable",
                FAULTS, 104)), FaultKind.RESTART);
    }

    private static void assertValid(RunReport report, FaultKind kind) {
        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.faults().getOrDefault(kind, 0)).as("faults injected and undone").isPositive();
        assertThat(report.count(Op.Type.OK)).as("successful operations").isGreaterThan(100);
    }
}
