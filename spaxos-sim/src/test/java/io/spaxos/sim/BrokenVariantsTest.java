package io.spaxos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checkers are worth something only if they fail when the protocol is broken. Each
 * deliberately broken variant must be caught within a bounded number of seeds, by the property
 * it breaks.
 */
class BrokenVariantsTest {

    private static final int MAX_SEEDS = 300;

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"PHASE2_QUORUM_OF_ONE", "REPLY_BEFORE_PERSIST", "FORGET_PROMISE_ON_RESTART"})
    void every_broken_variant_is_caught_within_a_bounded_number_of_seeds(Variant variant) {
        SimResult caught = null;
        for (long seed = 1; seed <= MAX_SEEDS && caught == null; seed++) {
            final SimResult result = Simulation.run(SimParams.fromSeed(seed, seed % 2 == 0 ? 3 : 5, variant));
            if (!result.passed()) {
                caught = result;
            }
        }
        assertThat(caught).as("%s caught within %d seeds", variant, MAX_SEEDS).isNotNull();
        final Set<String> properties = caught.violations().stream().map(Violation::property).collect(Collectors.toSet());
        assertThat(properties).as("properties broken by %s", variant).containsAnyElementsOf(expectedProperties(variant));
    }

    private static Set<String> expectedProperties(Variant variant) {
        return switch (variant) {
            case PHASE2_QUORUM_OF_ONE -> Set.of("agreement", "crash", "at-most-once");
            case REPLY_BEFORE_PERSIST -> Set.of("persist-before-send");
            case FORGET_PROMISE_ON_RESTART -> Set.of("promise", "agreement");
            case NONE -> Set.of();
        };
    }
}
