package io.spaxos.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JepsenEtcdLogTest {

    private static List<Operation<RegisterOp<Integer>, Object>> parse(String... lines) {
        return JepsenEtcdLog.parse(List.of(lines));
    }

    @Test
    void an_ok_read_returns_its_value_and_nil_is_null() {
        final var history = parse(
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 0\t:ok\t:read\tnil",
                "INFO  jepsen.util - 1\t:ok\t:read\t3");

        assertThat(history).containsExactly(
                Operation.ok(0, 0, 2, RegisterOp.read(), null),
                Operation.ok(1, 1, 3, RegisterOp.read(), 3));
    }

    @Test
    void a_completed_cas_swapped_and_a_failed_cas_had_no_effect() {
        final var history = parse(
                "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]",
                "INFO  jepsen.util - 2\t:ok\t:cas\t[3 0]",
                "INFO  jepsen.util - 2\t:invoke\t:cas\t[1 4]",
                "INFO  jepsen.util - 2\t:fail\t:cas\t[1 4]");

        assertThat(history).containsExactly(
                Operation.ok(2, 0, 1, RegisterOp.cas(3, 0), true),
                Operation.failed(2, 2, 3, RegisterOp.cas(1, 4)));
    }

    @Test
    void a_timed_out_operation_and_one_that_never_completes_are_indefinite() {
        final var history = parse(
                "INFO  jepsen.util - 4\t:invoke\t:write\t1",
                "INFO  jepsen.util - 5\t:invoke\t:cas\t[1 2]",
                "INFO  jepsen.util - 4\t:info\t:write\t:timed-out");

        assertThat(history).containsExactly(
                Operation.indefinite(4, 0, RegisterOp.write(1)),
                Operation.indefinite(5, 1, RegisterOp.cas(1, 2)));
    }

    @Test
    void fields_may_be_separated_by_spaces_instead_of_tabs() {
        assertThat(parse("INFO  jepsen.util - 1   :invoke :write  3", "INFO  jepsen.util - 1   :ok     :write  3"))
                .containsExactly(Operation.ok(1, 0, 1, RegisterOp.write(3), null));
    }

    @Test
    void a_completion_without_an_invocation_is_rejected_with_its_line_number() {
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 1\t:ok\t:write\t3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }
}
