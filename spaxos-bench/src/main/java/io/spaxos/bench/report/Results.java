package io.spaxos.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/** Every measurement of a comparison, and the medians and ratios the report quotes. */
public final class Results {

    private final List<Measurement> all = new ArrayList<>();

    public synchronized void add(Measurement m) {
        all.add(m);
    }

    public synchronized List<Measurement> all() {
        return List.copyOf(all);
    }

    public synchronized List<Measurement> of(String system, int clients) {
        return all.stream().filter(m -> m.system().equals(system) && m.clients() == clients).toList();
    }

    /** The median over rounds, or empty if that system never ran at that client count. */
    public OptionalDouble median(String system, int clients, Measurement.Metric metric) {
        final double[] values = of(system, clients).stream().mapToDouble(m -> m.metric(metric))
                .filter(v -> !Double.isNaN(v)).toArray();
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(values));
    }

    public static double median(double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** {@code a / b} of the medians. */
    public OptionalDouble ratio(String a, String b, int clients, Measurement.Metric metric) {
        final OptionalDouble x = median(a, clients, metric);
        final OptionalDouble y = median(b, clients, metric);
        return x.isPresent() && y.isPresent() && y.getAsDouble() > 0
                ? OptionalDouble.of(x.getAsDouble() / y.getAsDouble()) : OptionalDouble.empty();
    }

    /** {@code a / b} within each round where both ran: the spread the noise leaves. */
    public double[] roundRatios(String a, String b, int clients, Measurement.Metric metric) {
        final List<Double> ratios = new ArrayList<>();
        for (final Measurement x : of(a, clients)) {
            final Optional<Measurement> y = of(b, clients).stream().filter(m -> m.round() == x.round()).findFirst();
            if (y.isPresent() && y.get().metric(metric) > 0) {
                ratios.add(x.metric(metric) / y.get().metric(metric));
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public long errors(String system, int clients) {
        return of(system, clients).stream().mapToLong(Measurement::errors).sum();
    }

    /** All rounds' latencies of one system at one client count, merged. */
    public Histogram merged(String system, int clients) {
        final Histogram h = new Histogram(3);
        of(system, clients).forEach(m -> h.add(m.latencyNs()));
        return h;
    }
}
