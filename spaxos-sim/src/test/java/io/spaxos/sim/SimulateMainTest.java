package io.spaxos.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimulateMainTest {

    private String runCapturing(String... args) {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SimulateMain.run(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_passing_batch_ends_with_the_passed_and_failed_counts() {
        final String out = runCapturing("--seeds", "3", "--first-seed", "10", "--nodes", "3");
        assertThat(out.strip().lines().reduce((a, b) -> b)).hasValue("3 passed, 0 failed");
    }

    @Test
    void a_failing_seed_prints_one_line_with_its_replay_command_and_exits_non_zero() {
        assertThat(SimulateMain.run(new String[] {"--seed", "3", "--nodes", "5", "--variant", "reply-before-persist"}))
                .isEqualTo(1);
        final String out = runCapturing("--seed", "3", "--nodes", "5", "--variant", "reply-before-persist");
        assertThat(out).contains("FAIL seed=3 nodes=5").contains("replay: bin/simulate --seed 3 --nodes 5");
        assertThat(out.strip().lines().reduce((a, b) -> b)).hasValue("0 passed, 1 failed");
    }

    @Test
    void bad_arguments_are_refused_with_a_reason() {
        assertThatThrownBy(() -> SimulateMain.run(new String[] {"--nodes", "4", "--seeds", "1"}))
                .hasMessageContaining("--nodes must be 3 or 5");
        assertThatThrownBy(() -> SimulateMain.run(new String[] {"--seeds"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimulateMain.run(new String[] {"--bogus"})).hasMessageContaining("unknown argument");
    }
}
