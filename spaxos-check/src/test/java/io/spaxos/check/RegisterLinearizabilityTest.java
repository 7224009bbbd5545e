package io.spaxos.check;

import static io.spaxos.check.CheckResult.Verdict.LINEARIZABLE;
import static io.spaxos.check.CheckResult.Verdict.NOT_LINEARIZABLE;
import static io.spaxos.check.CheckResult.Verdict.UNKNOWN;
import static io.spaxos.check.Histories.REGISTER;
import static io.spaxos.check.Histories.cas;
import static io.spaxos.check.Histories.failedCas;
import static io.spaxos.check.Histories.indefiniteWrite;
import static io.spaxos.check.Histories.read;
import static io.spaxos.check.Histories.verdictOf;
import static io.spaxos.check.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterLinearizabilityTest {

    @Test
    void an_empty_history_is_linearizable() {
        assertThat(verdictOf()).isEqualTo(LINEARIZABLE);
    }

    @Test
    void a_read_before_any_write_sees_nil() {
        assertThat(verdictOf(read(0, 0, 1, null))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(read(0, 0, 1, 7))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_stale_read_after_a_completed_write_is_not_linearizable() {
        assertThat(verdictOf(
                write(0, 0, 1, 1),
                write(1, 2, 3, 2),
                read(2, 4, 5, 1))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_stale_read_is_reported_as_the_operation_that_cannot_be_linearized() {
        final var staleRead = read(2, 4, 5, 1);
        final CheckResult<RegisterOp<Integer>, Object> result = LinearizabilityChecker.check(
                List.of(write(0, 0, 1, 1), write(1, 2, 3, 2), staleRead), REGISTER);

        assertThat(result.stuck()).contains(staleRead);
        assertThat(result.linearization()).hasSize(2);
        assertThat(result.describe()).contains("NOT_LINEARIZABLE").contains("cannot linearize");
    }

    @Test
    void a_read_concurrent_with_a_write_may_see_the_old_or_the_new_value() {
        assertThat(verdictOf(write(0, 0, 1, 1), write(1, 2, 6, 2), read(2, 3, 5, 1))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 1), write(1, 2, 6, 2), read(2, 3, 5, 2))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 1), write(1, 2, 6, 2), read(2, 3, 5, 3))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void two_reads_cannot_see_a_concurrent_write_and_then_unsee_it() {
        assertThat(verdictOf(
                write(0, 0, 1, 1),
                write(1, 2, 10, 2),
                read(2, 3, 4, 2),
                read(3, 5, 6, 1))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void an_indefinite_write_may_take_effect_long_after_its_call() {
        assertThat(verdictOf(
                indefiniteWrite(0, 0, 5),
                read(1, 10, 11, null),
                read(1, 100, 101, 5))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void an_indefinite_write_may_never_take_effect() {
        assertThat(verdictOf(write(0, 0, 1, 1), indefiniteWrite(1, 2, 5), read(2, 10, 11, 1))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void an_indefinite_write_cannot_take_effect_before_its_call() {
        assertThat(verdictOf(read(1, 0, 1, 5), indefiniteWrite(0, 2, 5))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void an_indefinite_write_takes_effect_at_most_once() {
        assertThat(verdictOf(
                indefiniteWrite(0, 0, 5),
                read(1, 10, 11, 5),
                write(2, 12, 13, 6),
                read(1, 14, 15, 5))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_failed_cas_has_no_effect() {
        assertThat(verdictOf(write(0, 0, 1, 1), failedCas(1, 2, 3, 1, 2), read(2, 4, 5, 1))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 1), failedCas(1, 2, 3, 1, 2), read(2, 4, 5, 2)))
                .isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_cas_swaps_only_when_it_finds_the_expected_value() {
        assertThat(verdictOf(write(0, 0, 1, 1), cas(1, 2, 3, 1, 2, true), read(2, 4, 5, 2))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 1), cas(1, 2, 3, 3, 2, true))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_cas_that_saw_another_value_changes_nothing_and_must_have_seen_another_value() {
        assertThat(verdictOf(write(0, 0, 1, 1), cas(1, 2, 3, 3, 2, false), read(2, 4, 5, 1))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 1), cas(1, 2, 3, 1, 2, false))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_cas_can_expect_nil() {
        assertThat(verdictOf(cas(0, 0, 1, null, 4, true), read(1, 2, 3, 4))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void an_indefinite_cas_takes_effect_only_where_its_expected_value_is() {
        final var indefiniteCas = Operation.<RegisterOp<Integer>, Object>indefinite(1, 2, RegisterOp.cas(1, 9));
        assertThat(verdictOf(write(0, 0, 1, 1), indefiniteCas, read(2, 4, 5, 9))).isEqualTo(LINEARIZABLE);
        assertThat(verdictOf(write(0, 0, 1, 2), indefiniteCas, read(2, 4, 5, 9))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void a_linearizable_verdict_comes_with_an_order_the_model_accepts() {
        final CheckResult<RegisterOp<Integer>, Object> result = LinearizabilityChecker.check(List.of(
                write(0, 0, 10, 1), read(1, 1, 2, null), read(2, 3, 4, 1)), REGISTER);

        assertThat(result.isLinearizable()).isTrue();
        assertThat(result.linearization()).extracting(Operation::process).containsExactly(1, 0, 2);
    }

    @Test
    void a_budget_too_small_to_decide_answers_unknown_rather_than_guessing() {
        final var history = List.of(write(0, 0, 1, 1), write(1, 2, 3, 2), read(2, 4, 5, 1));

        assertThat(LinearizabilityChecker.check(history, REGISTER, Budget.ofSteps(2)).verdict()).isEqualTo(UNKNOWN);
    }

    @Test
    void keys_are_checked_independently_and_a_failure_names_its_key() {
        final var stale = List.of(
                keyed("a", write(0, 0, 1, 1)), keyed("b", write(1, 0, 1, 2)),
                keyed("a", read(2, 2, 3, 1)), keyed("b", read(3, 2, 3, 1)));
        final var fine = stale.subList(0, 3);

        final var failing = LinearizabilityChecker.checkPerKey(stale, REGISTER, Budget.DEFAULT);
        final var passing = LinearizabilityChecker.checkPerKey(fine, REGISTER, Budget.DEFAULT);

        assertThat(failing.verdict()).isEqualTo(NOT_LINEARIZABLE);
        assertThat(failing.key()).contains("b");
        assertThat(passing.verdict()).isEqualTo(LINEARIZABLE);
        assertThat(passing.linearization()).hasSize(3);
    }

    @Test
    void a_value_written_to_one_key_is_never_read_from_another() {
        final var crossed = List.of(keyed("a", write(0, 0, 1, 1)), keyed("b", read(1, 2, 3, 1)));

        assertThat(LinearizabilityChecker.checkPerKey(crossed, REGISTER, Budget.DEFAULT).verdict())
                .isEqualTo(NOT_LINEARIZABLE);
    }

    private static Operation<Keyed<String, RegisterOp<Integer>>, Object> keyed(
            String key, Operation<RegisterOp<Integer>, Object> op) {
        return new Operation<>(op.process(), op.callTime(), op.returnTime(), new Keyed<>(key, op.input()),
                op.output(), op.status());
    }
}
