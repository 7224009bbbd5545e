package io.spaxos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static Measurement m(String system, int round, double ops, double p99) {
        return new Measurement(system, 10, round, ops, 1, p99, p99, 0, "", new Histogram(3), 1, 1);
    }

    @Test
    void the_median_of_an_odd_count_is_the_middle_and_of_an_even_count_the_mean_of_the_two_middles() {
        assertThat(Results.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Results.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }

    @Test
    void ratios_are_of_medians_and_per_round() {
        final Results r = new Results();
        r.add(m("spaxos", 1, 100, 2));
        r.add(m("etcd", 1, 50, 4));
        r.add(m("spaxos", 2, 300, 2));
        r.add(m("etcd", 2, 100, 8));
        assertThat(r.ratio("spaxos", "etcd", 10, Measurement.Metric.OPS).getAsDouble()).isEqualTo(200.0 / 75);
        assertThat(r.roundRatios("spaxos", "etcd", 10, Measurement.Metric.OPS)).containsExactly(2.0, 3.0);
        assertThat(r.ratio("spaxos", "zookeeper", 10, Measurement.Metric.OPS)).isEmpty();
    }
}
