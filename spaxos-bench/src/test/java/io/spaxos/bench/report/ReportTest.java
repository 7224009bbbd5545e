package io.spaxos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void small_ratios_keep_their_significant_digits() {
        assertThat(Report.ratioText(2.394)).isEqualTo("2.39×");
        assertThat(Report.ratioText(0.00312)).isEqualTo("0.0031×");
    }
}
