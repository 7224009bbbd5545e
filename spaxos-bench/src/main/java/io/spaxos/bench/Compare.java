package io.spaxos.bench;

import io.spaxos.bench.cluster.Dirs;
import io.spaxos.bench.cluster.Running;
import io.spaxos.bench.cluster.SystemUnderTest;
import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.LoadGenerator;
import io.spaxos.bench.load.LoadResult;
import io.spaxos.bench.probe.FsyncProbe;
import io.spaxos.bench.probe.HandoffProbe;
import io.spaxos.bench.probe.LoopbackRttProbe;
import io.spaxos.bench.probe.Probe;
import io.spaxos.bench.report.Charts;
import io.spaxos.bench.report.CpuTime;
import io.spaxos.bench.report.MachineInfo;
import io.spaxos.bench.report.Measurement;
import io.spaxos.bench.report.Report;
import io.spaxos.bench.report.Results;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The side-by-side comparison: rounds of every system in turn (A B C A B C ...), each on a fresh
 * cluster, the physical limits measured once per round; then medians, ratios, plots and a report.
 */
final class Compare {

    private final BenchOptions o;
    private final PrintStream log;
    private final Results results = new Results();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final Map<String, String> redisBenchmark = new LinkedHashMap<>();
    private final List<Probe> fsync = new ArrayList<>();
    private final List<Probe> rtt = new ArrayList<>();
    private final List<HandoffProbe.Result> handoff = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Compare(BenchOptions options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    int run() throws Exception {
        final long startNs = System.nanoTime();
        final String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        Files.createDirectories(o.workDir());
        final List<String> machine = MachineInfo.describe(o.workDir());
        log.println("spaxos-bench: comparing " + String.join(", ", o.systems()) + " at " + o.clients()
                + " clients, " + o.rounds() + " round(s); data under " + o.workDir());
        final LoadGenerator generator = new LoadGenerator(log, 1);
        try {
            for (int round = 1; round <= o.rounds(); round++) {
                log.println();
                log.println("== round " + round + "/" + o.rounds() + " ==");
                probe();
                for (final String name : o.systems()) {
                    runSystem(name, round, generator);
                }
            }
        } finally {
            Dirs.deleteQuietly(o.workDir());
        }
        final double minutes = (System.nanoTime() - startNs) / 60e9;
        write(startedAt, minutes, machine);
        return 0;
    }

    private void probe() throws IOException, InterruptedException {
        final Probe f = FsyncProbe.measure(o.workDir(), 2000, 5000);
        final Probe r = LoopbackRttProbe.measure(Systems.rttProbePort(o), 1000, 20_000);
        final HandoffProbe.Result h = HandoffProbe.measure(1000, 50_000);
        fsync.add(f);
        rtt.add(r);
        handoff.add(h);
        log.printf(Locale.ROOT, "  limits: fdatasync p50 %.3f ms (%.0f/s), loopback RTT p50 %.3f ms, thread hand-off "
                + "round trip p50 %.3f ms (%.0f us CPU per hand-off; %.0f us to a parked thread)%n", f.p50Ms(),
                f.perSecond(), r.p50Ms(), h.roundTrip().p50Ms(), h.cpuUsPerHandoff(), h.cpuUsPerColdWake());
    }

    private void runSystem(String name, int round, LoadGenerator generator) throws InterruptedException {
        final Path dir = o.workDir().resolve("round" + round + "-" + name);
        final SystemUnderTest system = Systems.create(name, o, dir);
        log.println("-- " + name + ": starting");
        Running.add(system);
        try {
            system.start();
            descriptions.put(name, system.description());
            warmUp(system, name);
            for (final int clients : o.clients()) {
                try (Driver driver = system.driver(o.clientThreads())) {
                    driver.open(clients, o.value());
                    final List<Long> pids = system.pids();
                    final long[] cpuAtStart = new long[2];
                    final LoadResult result = generator.run(name + " c=" + clients, driver, o.spec(clients), () -> {
                        cpuAtStart[0] = CpuTime.processesNs(pids);
                        cpuAtStart[1] = CpuTime.selfNs();
                    });
                    final long serverCpu = CpuTime.processesNs(pids);
                    final long clientCpu = CpuTime.selfNs();
                    final Measurement m = Measurement.of(name, clients, round, result,
                            serverCpu < 0 || cpuAtStart[0] < 0 ? -1 : serverCpu - cpuAtStart[0],
                            clientCpu < 0 || cpuAtStart[1] < 0 ? -1 : clientCpu - cpuAtStart[1]);
                    results.add(m);
                    final String note = system.afterRun();
                    if (!note.isEmpty()) {
                        log.println("  (" + name + ", " + clients + " clients: " + note + ")");
                        notes.add(name + ", " + clients + " clients, round " + round + ": " + note);
                    }
                    log.printf(Locale.ROOT, "  => %s, %d clients: %,.0f ops/s, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, "
                                    + "CPU per write: servers %.0f us, load generator %.0f us%s%n",
                            name, clients, m.opsPerSecond(), m.p50Ms(), m.p99Ms(), m.p999Ms(), m.serverCpuUsPerOp(),
                            m.clientCpuUsPerOp(),
                            m.errors() > 0 ? ", " + m.errors() + " errors" : "");
                }
            }
            final OptionalInt resp = system.respPort();
            if (round == o.rounds() && o.redisBenchmarkRequests() > 0 && resp.isPresent()) {
                log.println("  redis-benchmark -t set -n " + o.redisBenchmarkRequests() + " -c 50 -d " + o.valueBytes()
                        + " against " + name + " ...");
                final String line = RedisBenchmark.run(resp.getAsInt(), o.redisBenchmarkRequests(), 50, o.valueBytes());
                redisBenchmark.put(name, line);
                log.println("  => " + line);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.println("  !! " + name + " failed in round " + round + ": " + e.getMessage());
            descriptions.merge(name, "FAILED in round " + round + ": " + e.getMessage(), (a, b) -> a + "; " + b);
        } finally {
            log.println("-- " + name + ": stopping");
            system.close();
            Running.remove(system);
        }
    }

    /** Unmeasured load at the largest client count: JITs (spaxos, ZooKeeper) and caches settle first. */
    private void warmUp(SystemUnderTest system, String name) throws Exception {
        if (o.systemWarmupSeconds() <= 0) {
            return;
        }
        final int clients = o.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
        try (Driver driver = system.driver(o.clientThreads())) {
            driver.open(clients, o.value());
            final LoadResult r = new LoadGenerator(log, Math.max(1, o.systemWarmupSeconds()))
                    .run(name + " system warm-up c=" + clients, driver,
                            new io.spaxos.bench.load.LoadSpec(clients, o.valueBytes(), 0, o.systemWarmupSeconds()));
            if (r.ops() == 0) {
                throw new IllegalStateException(name + " completed no write in its " + o.systemWarmupSeconds()
                        + " s warm-up" + (r.firstError().isEmpty() ? "" : ": " + r.firstError()));
            }
        }
    }

    private void write(String startedAt, double minutes, List<String> machine) throws IOException {
        Files.createDirectories(o.out());
        final List<String> plots = new ArrayList<>();
        final String subtitle = ", " + o.valueBytes() + " B";
        Charts.throughput(results, o.systems(), o.clients(), o.out().resolve("throughput.png"), subtitle);
        plots.add("throughput.png");
        for (final int c : o.clients()) {
            final String name = "latency-c" + c + ".png";
            Charts.latency(results, o.systems(), c, o.out().resolve(name), subtitle);
            plots.add(name);
        }
        final Report.Inputs inputs = new Report.Inputs(o.commandLine(), startedAt, minutes, machine, descriptions,
                fsync, rtt, handoff, results, o.systems(), o.clients(), o.rounds(), o.valueBytes(), o.warmupSeconds(),
                o.measureSeconds(), o.systemWarmupSeconds(), redisBenchmark, notes, plots);
        final String markdown = Report.markdown(inputs);
        Files.writeString(o.out().resolve("RESULTS.md"), markdown);
        Files.writeString(o.out().resolve("results.csv"), csv());
        log.println();
        log.println(summary());
        log.println("Report: " + o.out().resolve("RESULTS.md") + " (plots and results.csv beside it)");
    }

    private String csv() {
        final StringBuilder b = new StringBuilder(
                "system,clients,round,ops_per_s,p50_ms,p99_ms,p999_ms,errors,server_cpu_us_per_op,client_cpu_us_per_op\n");
        for (final Measurement m : results.all()) {
            b.append(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.4f,%.4f,%.4f,%d,%.1f,%.1f%n", m.system(), m.clients(),
                    m.round(), m.opsPerSecond(), m.p50Ms(), m.p99Ms(), m.p999Ms(), m.errors(), m.serverCpuUsPerOp(),
                    m.clientCpuUsPerOp()));
        }
        return b.toString();
    }

    private String summary() {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %7s %10s %9s %9s %9s %12s%n",
                "system", "clients", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "CPU us/write"));
        for (final int c : o.clients()) {
            for (final String s : o.systems()) {
                final OptionalDouble ops = results.median(s, c, Measurement.Metric.OPS);
                if (ops.isPresent()) {
                    b.append(String.format(Locale.ROOT, "%-16s %7d %10s %9s %9s %9s %12s%n", s, c, Report.ops(ops),
                            Report.ms(results.median(s, c, Measurement.Metric.P50)),
                            Report.ms(results.median(s, c, Measurement.Metric.P99)),
                            Report.ms(results.median(s, c, Measurement.Metric.P999)),
                            Report.ops(results.median(s, c, Measurement.Metric.SERVER_CPU))));
                }
            }
        }
        return b.toString();
    }
}
