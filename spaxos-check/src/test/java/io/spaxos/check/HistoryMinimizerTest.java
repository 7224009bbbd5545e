package io.spaxos.check;

import static io.spaxos.check.Histories.REGISTER;
import static io.spaxos.check.Histories.read;
import static io.spaxos.check.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryMinimizerTest {

    private static final Budget TEN_SECONDS = Budget.ofTime(Duration.ofSeconds(10));

    @Test
    void the_minimiser_returns_a_smaller_history_that_still_fails() throws Exception {
        final var history = JepsenTestData.history("etcd_000.log");

        final var small = HistoryMinimizer.minimize(history, REGISTER, TEN_SECONDS);
        System.out.println("etcd_000.log (" + history.size() + " ops) minimised to " + small.size() + " ops:\n"
                + HistoryPrinter.format(small, REGISTER));

        assertThat(small.size()).isLessThan(history.size() / 2);
        assertThat(LinearizabilityChecker.check(small, REGISTER).verdict())
                .isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void the_minimiser_keeps_the_writes_a_stale_read_is_judged_by_and_drops_the_rest() {
        final var history = List.of(
                write(0, 0, 1, 1),
                read(1, 2, 3, 1),
                write(0, 4, 5, 2),
                read(1, 6, 7, 2),
                read(2, 8, 9, 1),
                write(0, 10, 11, 3),
                read(1, 12, 13, 3));

        assertThat(HistoryMinimizer.minimize(history, REGISTER, TEN_SECONDS))
                .containsExactly(write(0, 0, 1, 1), write(0, 4, 5, 2), read(2, 8, 9, 1));
    }

    @Test
    void the_minimiser_refuses_a_linearizable_history() {
        assertThatThrownBy(() -> HistoryMinimizer.minimize(List.of(write(0, 0, 1, 1)), REGISTER, TEN_SECONDS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
