package io.spaxos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    /** CI's share of the seed space; `bin/simulate --seeds 20000` runs far more. */
    private static final int CI_SEEDS = 1_000;

    @Test
    void a_thousand_seeded_runs_of_three_and_five_replicas_break_no_property() {
        final List<String> failures = new ArrayList<>();
        long chosen = 0;
        long crashes = 0;
        for (long seed = 1; seed <= CI_SEEDS; seed++) {
            final SimResult result = Simulation.run(SimParams.fromSeed(seed, seed % 2 == 0 ? 3 : 5, Variant.NONE));
            chosen += result.chosenEntries();
            crashes += result.crashes();
            if (!result.passed()) {
                failures.add(result.violations().get(0) + " -- replay: " + result.replayCommand());
            }
        }
        assertThat(failures).isEmpty();
        // The runs did real work: entries were chosen and replicas crashed.
        assertThat(chosen).isGreaterThan(CI_SEEDS * 100L);
        assertThat(crashes).isGreaterThan(CI_SEEDS);
    }

    @Test
    void the_same_seed_replays_the_same_run() {
        final SimParams params = SimParams.fromSeed(42, 5, Variant.NONE);
        final SimResult first = Simulation.run(params);
        final SimResult second = Simulation.run(params);
        assertThat(second.chosenEntries()).isEqualTo(first.chosenEntries());
        assertThat(second.messagesDelivered()).isEqualTo(first.messagesDelivered());
        assertThat(second.crashes()).isEqualTo(first.crashes());
        assertThat(second.violations()).isEqualTo(first.violations());
    }

    @Test
    void a_failure_names_the_command_that_replays_it() {
        final SimResult result = Simulation.run(SimParams.fromSeed(3, 5, Variant.REPLY_BEFORE_PERSIST));
        assertThat(result.passed()).isFalse();
        assertThat(result.replayCommand()).isEqualTo("bin/simulate --seed 3 --nodes 5 --variant REPLY_BEFORE_PERSIST");
    }
}
