package io.spaxos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void user_and_system_ticks_are_read_after_a_command_name_with_spaces() {
        final String stat = "1234 (my (odd) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1 2 3";
        assertThat(CpuTime.parseStat(stat)).isEqualTo(300 * 10_000_000L);
    }

    @Test
    void this_process_has_used_some_cpu() {
        assertThat(CpuTime.processesNs(java.util.List.of(ProcessHandle.current().pid()))).isPositive();
    }
}
