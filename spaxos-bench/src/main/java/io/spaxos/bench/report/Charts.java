package io.spaxos.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The two plots of a comparison: throughput against client count, and latency distributions. */
public final class Charts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    /** Percentiles on a "nines" axis: x = -log10(1 - p), so 90, 99, 99.9 are equally spaced. */
    private static final double MAX_NINES = 4;

    private Charts() {
    }

    public static Color color(String system) {
        return switch (system) {
            case "spaxos" -> new Color(31, 87, 180);
            case "etcd" -> new Color(46, 150, 70);
            case "zookeeper" -> new Color(230, 130, 20);
            case "redis-aof" -> new Color(200, 40, 40);
            case "redis-nopersist" -> new Color(130, 130, 130);
            default -> new Color(120, 60, 160);
        };
    }

    public static void throughput(Results results, List<String> systems, List<Integer> clients, Path png,
                                  String subtitle) throws IOException {
        final List<LineChart.Tick> ticks = clients.stream()
                .map(c -> new LineChart.Tick(c, String.valueOf(c))).toList();
        final LineChart chart = new LineChart("Throughput (SET, closed loop" + subtitle + ")", "concurrent clients",
                clients.size() > 1 && clients.get(0) > 0 ? LineChart.Scale.LOG : LineChart.Scale.LINEAR, ticks,
                "writes per second (median of rounds, log scale)", LineChart.Scale.LOG, LineChart::compact);
        for (final String system : systems) {
            final double[] x = clients.stream().mapToDouble(Integer::doubleValue).toArray();
            final double[] y = clients.stream().mapToDouble(c ->
                    results.median(system, c, Measurement.Metric.OPS).orElse(Double.NaN)).toArray();
            chart.add(new LineChart.Series(system, color(system), x, y));
        }
        chart.write(png, WIDTH, HEIGHT);
    }

    public static void latency(Results results, List<String> systems, int clients, Path png, String subtitle)
            throws IOException {
        final List<LineChart.Tick> ticks = List.of(new LineChart.Tick(0, "0%"),
                new LineChart.Tick(nines(50), "50%"), new LineChart.Tick(1, "90%"), new LineChart.Tick(2, "99%"),
                new LineChart.Tick(3, "99.9%"), new LineChart.Tick(4, "99.99%"));
        final LineChart chart = new LineChart("Latency distribution, " + clients + " client" + (clients == 1 ? "" : "s")
                + subtitle, "percentile (all rounds merged)", LineChart.Scale.LINEAR, ticks, "latency (ms, log scale)",
                LineChart.Scale.LOG, v -> String.format(Locale.ROOT, "%g", v));
        for (final String system : systems) {
            final Histogram h = results.merged(system, clients);
            if (h.getTotalCount() == 0) {
                continue;
            }
            final List<double[]> points = new ArrayList<>();
            final double top = Math.min(MAX_NINES, Math.log10(h.getTotalCount()));
            for (double n = 0; n <= top + 1e-9; n += 0.05) {
                final double percentile = 100 * (1 - Math.pow(10, -n));
                points.add(new double[] {n, h.getValueAtPercentile(percentile) / 1e6});
            }
            chart.add(new LineChart.Series(system, color(system), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()));
        }
        chart.write(png, WIDTH, HEIGHT);
    }

    static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100);
    }
}
