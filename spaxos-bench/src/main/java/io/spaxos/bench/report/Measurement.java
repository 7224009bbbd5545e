package io.spaxos.bench.report;

import io.spaxos.bench.load.LoadResult;
import org.HdrHistogram.Histogram;

/** One system at one client count in one round. Latencies in ms. */
public record Measurement(String system, int clients, int round, double opsPerSecond, double p50Ms, double p99Ms,
                          double p999Ms, long errors, String firstError, Histogram latencyNs,
                          double serverCpuUsPerOp, double clientCpuUsPerOp) {

    /** {@code serverCpuNs}/{@code clientCpuNs}: CPU used over the measured period, -1 if unknown. */
    public static Measurement of(String system, int clients, int round, LoadResult r, long serverCpuNs,
                                 long clientCpuNs) {
        return new Measurement(system, clients, round, r.opsPerSecond(), r.percentileMs(50), r.percentileMs(99),
                r.percentileMs(99.9), r.errors(), r.firstError(), r.latencyNs(), perOpUs(serverCpuNs, r.ops()),
                perOpUs(clientCpuNs, r.ops()));
    }

    private static double perOpUs(long ns, long ops) {
        return ns < 0 || ops == 0 ? Double.NaN : ns / 1e3 / ops;
    }

    public double metric(Metric metric) {
        return switch (metric) {
            case OPS -> opsPerSecond;
            case P50 -> p50Ms;
            case P99 -> p99Ms;
            case P999 -> p999Ms;
            case SERVER_CPU -> serverCpuUsPerOp;
            case CLIENT_CPU -> clientCpuUsPerOp;
        };
    }

    public enum Metric { OPS, P50, P99, P999, SERVER_CPU, CLIENT_CPU }
}
