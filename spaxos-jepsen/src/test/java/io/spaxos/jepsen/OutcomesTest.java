package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void a_read_returns_the_value_or_nil() {
        assertThat(Outcomes.of(Op.Fn.READ, new RespReply.Bulk("3"))).isEqualTo(new Outcomes.Outcome(Op.Type.OK, 3, null));
        assertThat(Outcomes.of(Op.Fn.READ, new RespReply.Bulk(null)).result()).isNull();
    }

    @Test
    void a_cas_that_swapped_is_ok_true_and_one_that_saw_another_value_is_ok_false() {
        assertThat(Outcomes.of(Op.Fn.CAS, new RespReply.Simple("OK")).result()).isEqualTo(true);
        assertThat(Outcomes.of(Op.Fn.CAS, new RespReply.Bulk(null))).isEqualTo(new Outcomes.Outcome(Op.Type.OK, false, null));
    }

    @Test
    void only_not_applied_is_a_definite_failure() {
        assertThat(Outcomes.of(Op.Fn.WRITE, new RespReply.Error("ERR not applied: no master reachable")).type())
                .isEqualTo(Op.Type.FAIL);
    }

    @Test
    void unknown_outcomes_timeouts_and_unexpected_errors_are_indefinite() {
        assertThat(Outcomes.of(Op.Fn.WRITE, new RespReply.Error("TRYAGAIN outcome unknown")).type())
                .isEqualTo(Op.Type.INFO);
        assertThat(Outcomes.of(Op.Fn.CAS, new RespReply.Error("ERR applied at log entry 7, but its reply is not available"))
                .type()).isEqualTo(Op.Type.INFO);
        assertThat(Outcomes.of(Op.Fn.WRITE, new RespReply.Error("ERR something new")).type()).isEqualTo(Op.Type.INFO);
        assertThat(Outcomes.of(Op.Fn.WRITE, new RespReply.Int(1)).type()).isEqualTo(Op.Type.INFO);
        assertThat(Outcomes.of(new SocketTimeoutException("Read timed out")).type()).isEqualTo(Op.Type.INFO);
    }
}
