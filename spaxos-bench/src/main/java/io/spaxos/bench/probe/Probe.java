package io.spaxos.bench.probe;

import org.HdrHistogram.Histogram;

/** One physical-limit measurement: its latencies (ns) and the time it took. */
public record Probe(String what, Histogram latencyNs, double seconds) {

    public double p50Ms() {
        return latencyNs.getValueAtPercentile(50) / 1e6;
    }

    public double p99Ms() {
        return latencyNs.getValueAtPercentile(99) / 1e6;
    }

    public double perSecond() {
        return seconds <= 0 ? 0 : latencyNs.getTotalCount() / seconds;
    }
}
