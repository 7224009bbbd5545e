package io.spaxos.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one measured period gave: successful writes per second and their latencies (ns).
 *
 * @param firstError the first error reply or failure seen, or empty
 */
public record LoadResult(long ops, long errors, double seconds, Histogram latencyNs, String firstError) {

    public double opsPerSecond() {
        return seconds <= 0 ? 0 : ops / seconds;
    }

    public double percentileMs(double percentile) {
        return latencyNs.getTotalCount() == 0 ? Double.NaN : latencyNs.getValueAtPercentile(percentile) / 1e6;
    }
}
