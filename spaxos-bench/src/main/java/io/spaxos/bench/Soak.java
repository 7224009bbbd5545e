package io.spaxos.bench;

import io.spaxos.bench.cluster.Dirs;
import io.spaxos.bench.cluster.Running;
import io.spaxos.bench.cluster.SpaxosCluster;
import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.LoadGenerator;
import io.spaxos.bench.load.LoadResult;
import io.spaxos.bench.load.LoadSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heap and RSS flatness: three spaxos replicas under steady load for a long time while the log
 * grows, with each replica's memory read at the start, periodically, and at the end. Memory that
 * grows with the log (instances never retired, maps never trimmed) shows as a rising live heap.
 */
final class Soak {

    private static final int FIRST_SAMPLE_SECONDS = 10;

    private final BenchOptions o;
    private final PrintStream log;
    private final int seconds;
    private final int sampleEverySeconds;

    private record Sample(int atSecond, List<MemoryReading> replicas, long dataBytes) {
    }

    Soak(BenchOptions options, PrintStream log, int seconds, int sampleEverySeconds) {
        this.o = options;
        this.log = log;
        this.seconds = seconds;
        this.sampleEverySeconds = sampleEverySeconds;
    }

    int run() throws Exception {
        final int clients = o.clients().stream().mapToInt(Integer::intValue).max().orElse(16);
        final String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        final SpaxosCluster cluster = new SpaxosCluster(o.repoRoot(), o.workDir().resolve("soak"), o.portBase(),
                o.spaxosJavaOpts());
        final List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        LoadResult result;
        try {
            Running.add(cluster);
            log.println("spaxos-bench: soak, 3 spaxos replicas, " + clients + " clients, " + seconds + " s");
            cluster.start();
            try (Driver driver = cluster.driver(o.clientThreads())) {
                driver.open(clients, o.value());
                final long startNs = System.nanoTime();
                for (long at = FIRST_SAMPLE_SECONDS; at < seconds - 5; at += sampleEverySeconds) {
                    final int atSecond = (int) at;
                    sampler.schedule(() -> samples.add(sample(cluster, atSecond)),
                            startNs + TimeUnit.SECONDS.toNanos(at) - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                result = new LoadGenerator(log, 10).run("spaxos soak c=" + clients, driver,
                        new LoadSpec(clients, o.valueBytes(), 0, seconds));
            }
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.MINUTES);
            samples.add(sample(cluster, seconds));
        } finally {
            sampler.shutdownNow();
            cluster.close();
            Running.remove(cluster);
            Dirs.deleteQuietly(o.workDir());
        }
        final String report = report(startedAt, clients, result, List.copyOf(samples));
        log.println();
        log.println(report);
        Files.createDirectories(o.out());
        Files.writeString(o.out().resolve("SOAK.md"), report);
        log.println("Report: " + o.out().resolve("SOAK.md"));
        return 0;
    }

    private Sample sample(SpaxosCluster cluster, int atSecond) {
        final List<MemoryReading> readings = cluster.pids().stream().map(MemoryReading::of).toList();
        long bytes = 0;
        for (int id = 1; id <= 3; id++) {
            bytes += Dirs.sizeBytes(cluster.dataDir(id));
        }
        final Sample s = new Sample(atSecond, readings, bytes);
        log.println("  memory at " + atSecond + " s: " + describe(s));
        return s;
    }

    private static String describe(Sample s) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.replicas().size(); i++) {
            final MemoryReading m = s.replicas().get(i);
            b.append(String.format(Locale.ROOT, "r%d heap %s / live %s / RSS %s; ", i + 1, mb(m.heapUsedKb()),
                    mb(m.heapLiveKb()), mb(m.rssKb())));
        }
        return b.append("data ").append(mb(s.dataBytes() / 1024)).toString();
    }

    private static String mb(long kb) {
        return kb < 0 ? "?" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    private String report(String startedAt, int clients, LoadResult result, List<Sample> samples) {
        final List<String> md = new ArrayList<>();
        md.add("# spaxos soak: heap and RSS while the log grows");
        md.add("");
        md.add("Generated on " + startedAt + " by:");
        md.add("");
        md.add("```");
        md.add(o.commandLine());
        md.add("```");
        md.add("");
        md.add(String.format(Locale.ROOT, "Three replicas, %d clients, %d-byte SETs, %d s: %,d writes (%,.0f ops/s, "
                + "p50 %.2f ms, p99 %.2f ms, %d errors).", clients, o.valueBytes(), seconds, result.ops(),
                result.opsPerSecond(), result.percentileMs(50), result.percentileMs(99), result.errors()));
        md.add("");
        md.add("Heap = in use when read (jcmd GC.heap_info); live = in use right after a full GC (jcmd GC.run); "
                + "RSS = VmRSS. Data = bytes under the three data directories.");
        md.add("");
        final StringBuilder head = new StringBuilder("| at | ");
        final StringBuilder rule = new StringBuilder("|---:|");
        for (int i = 1; i <= 3; i++) {
            head.append("r").append(i).append(" heap / live / RSS (MiB) | ");
            rule.append("---|");
        }
        md.add(head.append("data (MiB) |").toString());
        md.add(rule.append("---:|").toString());
        for (final Sample s : samples) {
            final StringBuilder row = new StringBuilder("| " + s.atSecond() + " s | ");
            for (final MemoryReading m : s.replicas()) {
                row.append(String.format(Locale.ROOT, "%s / %s / %s | ", num(m.heapUsedKb()), num(m.heapLiveKb()),
                        num(m.rssKb())));
            }
            md.add(row.append(num(s.dataBytes() / 1024)).append(" |").toString());
        }
        if (samples.size() >= 2) {
            final Sample first = samples.get(0);
            final Sample last = samples.get(samples.size() - 1);
            md.add("");
            for (int i = 0; i < Math.min(first.replicas().size(), last.replicas().size()); i++) {
                final MemoryReading a = first.replicas().get(i);
                final MemoryReading b = last.replicas().get(i);
                md.add(String.format(Locale.ROOT, "- replica %d, first to last reading: live heap %s → %s MiB, RSS %s → %s MiB",
                        i + 1, num(a.heapLiveKb()), num(b.heapLiveKb()), num(a.rssKb()), num(b.rssKb())));
            }
        }
        return String.join("\n", md) + "\n";
    }

    private static String num(long kb) {
        return kb < 0 ? "?" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }
}
