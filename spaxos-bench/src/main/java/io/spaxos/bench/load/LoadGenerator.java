package io.spaxos.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs a {@link Driver} for a warm-up and a measured period, printing one progress line a second
 * (or every {@code progressEverySeconds}), and returns the measured period's throughput and
 * latency histogram.
 */
public final class LoadGenerator {

    /** Latencies are recorded in ns with 3 significant digits; the recorder resizes as needed. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private final PrintStream progress;
    private final int progressEverySeconds;

    public LoadGenerator(PrintStream progress, int progressEverySeconds) {
        this.progress = progress;
        this.progressEverySeconds = Math.max(1, progressEverySeconds);
    }

    public LoadResult run(String label, Driver driver, LoadSpec spec) throws InterruptedException {
        return run(label, driver, spec, () -> { });
    }

    /** As {@link #run(String, Driver, LoadSpec)}, calling {@code atMeasureStart} when the measured period begins. */
    public LoadResult run(String label, Driver driver, LoadSpec spec, Runnable atMeasureStart)
            throws InterruptedException {
        final Sink sink = new Sink();
        final Histogram measured = new Histogram(SIGNIFICANT_DIGITS);
        long measuredErrors = 0;
        long measureStartNs = 0;
        long lastErrors = 0;
        final int totalSeconds = spec.warmupSeconds() + spec.measureSeconds();
        Histogram interval = null;
        Histogram printed = new Histogram(SIGNIFICANT_DIGITS);
        long printedFromNs = System.nanoTime();
        long printedErrors = 0;
        final long startNs = System.nanoTime();
        if (spec.warmupSeconds() == 0) {
            atMeasureStart.run();
        }
        driver.start(sink);
        try {
            for (int second = 1; second <= totalSeconds; second++) {
                sleepUntil(startNs + TimeUnit.SECONDS.toNanos(second));
                final long nowNs = System.nanoTime();
                interval = sink.recorder.getIntervalHistogram(interval);
                final long errors = sink.errors.sum();
                final long intervalErrors = errors - lastErrors;
                lastErrors = errors;
                if (second == spec.warmupSeconds()) {
                    measureStartNs = nowNs;
                    atMeasureStart.run();
                } else if (second > spec.warmupSeconds()) {
                    if (measureStartNs == 0) {
                        measureStartNs = startNs; // no warm-up
                    }
                    measured.add(interval);
                    measuredErrors += intervalErrors;
                }
                printed.add(interval);
                printedErrors += intervalErrors;
                if (second % progressEverySeconds == 0 || second == totalSeconds) {
                    final String phase = second <= spec.warmupSeconds()
                            ? "warm-up " + second + "/" + spec.warmupSeconds()
                            : "measure " + (second - spec.warmupSeconds()) + "/" + spec.measureSeconds();
                    progress.println(progressLine(label, phase, printed, (nowNs - printedFromNs) / 1e9, printedErrors,
                            sink.firstError.get()));
                    printed.reset();
                    printedFromNs = nowNs;
                    printedErrors = 0;
                }
            }
            final double seconds = (System.nanoTime() - measureStartNs) / 1e9;
            return new LoadResult(measured.getTotalCount(), measuredErrors, seconds, measured,
                    sink.firstError.get() == null ? "" : sink.firstError.get());
        } finally {
            driver.stop();
        }
    }

    static String progressLine(String label, String phase, Histogram h, double seconds, long errors, String error) {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  [%s] %-13s %9.0f ops/s",
                label, phase, seconds > 0 ? h.getTotalCount() / seconds : 0.0));
        if (h.getTotalCount() > 0) {
            line.append(String.format(Locale.ROOT, "  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms",
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6));
        }
        if (errors > 0) {
            line.append("  errors ").append(errors).append(" (first: ").append(error).append(')');
        }
        return line.toString();
    }

    private static void sleepUntil(long deadlineNs) throws InterruptedException {
        long left;
        while ((left = deadlineNs - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static final class Sink implements LatencySink {
        final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
        final LongAdder errors = new LongAdder();
        final AtomicReference<String> firstError = new AtomicReference<>();

        @Override
        public void ok(long latencyNs) {
            recorder.recordValue(Math.max(1, latencyNs));
        }

        @Override
        public void error(String message) {
            errors.increment();
            firstError.compareAndSet(null, message);
        }
    }
}
