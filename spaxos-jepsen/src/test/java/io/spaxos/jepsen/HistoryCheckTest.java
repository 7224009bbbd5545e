package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.check.Budget;
import io.spaxos.check.CheckResult;
import io.spaxos.check.LinearizabilityChecker;
import io.spaxos.check.Operation;
import io.spaxos.check.RegisterModel;
import io.spaxos.check.RegisterOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {

    private static final Budget BUDGET = Budget.ofTime(Duration.ofSeconds(30));

    @Test
    void a_stale_read_after_two_acknowledged_writes_is_a_violation_on_its_key_only() {
        final List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // Busy, linearizable traffic on another key.
            ops.add(new Op(5, 1, "other", Op.Fn.WRITE, i % 5, null, 10 * i, 10 * i + 5, Op.Type.OK, null, null));
        }
        ops.add(new Op(0, 1, "k", Op.Fn.WRITE, 1, null, 100, 110, Op.Type.OK, null, null));
        ops.add(new Op(1, 2, "k", Op.Fn.WRITE, 2, null, 120, 130, Op.Type.OK, null, null));
        ops.add(new Op(2, 3, "k", Op.Fn.READ, null, null, 140, 150, Op.Type.OK, 1, null));
        final HistoryCheck.Verdict verdict = HistoryCheck.check(ops, BUDGET, BUDGET);
        assertThat(verdict.verdict()).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
        assertThat(verdict.key()).hasValue("k");
        assertThat(verdict.smallestFailing()).hasSizeLessThanOrEqualTo(3);
        assertThat(HistoryCheck.explainSmallest(verdict)).contains("read -> 1");
    }

    @Test
    void indefinite_writes_may_explain_a_read_and_failed_ones_may_not() {
        final List<Op> explained = List.of(
                new Op(0, 1, "k", Op.Fn.WRITE, 1, null, 100, 110, Op.Type.OK, null, null),
                new Op(1, 2, "k", Op.Fn.WRITE, 7, null, 105, 105, Op.Type.INFO, null, "TRYAGAIN"),
                new Op(2, 3, "k", Op.Fn.READ, null, null, 500, 510, Op.Type.OK, 7, null));
        assertThat(HistoryCheck.check(explained, BUDGET, BUDGET).linearizable()).isTrue();
        final List<Op> unexplained = List.of(explained.get(0),
                new Op(1, 2, "k", Op.Fn.WRITE, 7, null, 105, 120, Op.Type.FAIL, null, "ERR not applied"),
                explained.get(2));
        assertThat(HistoryCheck.check(unexplained, BUDGET, BUDGET).verdict())
                .isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void the_front_cut_never_turns_a_linearizable_history_into_a_failing_one() {
        final RegisterModel<Integer> model = new RegisterModel<>();
        int failing = 0;
        for (int seed = 0; seed < 300; seed++) {
            final List<Operation<RegisterOp<Integer>, Object>> history = RandomHistories.generate(new Random(seed));
            final CheckResult.Verdict original = LinearizabilityChecker.check(history, model, BUDGET).verdict();
            final List<Operation<RegisterOp<Integer>, Object>> cut = PrefixCut.cut(history, Duration.ofSeconds(10));
            if (original == CheckResult.Verdict.LINEARIZABLE) {
                assertThat(cut).as("seed %d", seed).isSameAs(history);
            } else {
                failing++;
                assertThat(LinearizabilityChecker.check(cut, model, BUDGET).verdict()).as("seed %d", seed)
                        .isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
                assertThat(cut.size()).isLessThanOrEqualTo(history.size() + RandomHistories.VALUES + 1);
            }
        }
        assertThat(failing).as("the generator makes failing histories too").isGreaterThan(30);
    }

    @Test
    void minimising_keeps_a_violation_and_makes_it_smaller() {
        final RegisterModel<Integer> model = new RegisterModel<>();
        int shrunk = 0;
        for (int seed = 0; seed < 100; seed++) {
            final List<Operation<RegisterOp<Integer>, Object>> history = RandomHistories.generate(new Random(seed));
            if (LinearizabilityChecker.check(history, model, BUDGET).verdict() != CheckResult.Verdict.NOT_LINEARIZABLE) {
                continue;
            }
            final List<Operation<RegisterOp<Integer>, Object>> smallest = HistoryCheck.minimize(history, BUDGET);
            assertThat(LinearizabilityChecker.check(smallest, model, BUDGET).verdict()).as("seed %d", seed)
                    .isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
            shrunk += smallest.size() < history.size() ? 1 : 0;
        }
        assertThat(shrunk).isGreaterThan(10);
    }
}
