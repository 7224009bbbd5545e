package io.spaxos.bench;

import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.LoadGenerator;
import io.spaxos.bench.load.LoadResult;
import io.spaxos.bench.load.NioClosedLoopDriver;
import io.spaxos.bench.load.RespProtocol;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/spaxos-bench}: the comparison, the soak, and a load run against a running RESP server. */
@Command(name = "spaxos-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-loop write benchmarks of spaxos against etcd, ZooKeeper and Redis on this machine.",
                "Exactly one mode: --compare, --soak SECONDS, or --target HOST:PORT.",
                "JMH microbenchmarks: bin/spaxos-bench jmh [JMH options]."})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--compare", description = "Run the side-by-side comparison and write the report to --out.")
    boolean compare;

    @Option(names = "--soak", paramLabel = "SECONDS",
            description = "Run 3 spaxos replicas under load this long; report each replica's heap and RSS.")
    Integer soakSeconds;

    @Option(names = "--target", paramLabel = "HOST:PORT",
            description = "Run the load against a RESP server already running on this machine (e.g. bin/spaxos demo's 127.0.0.1:6381).")
    String target;

    @Option(names = "--clients", split = ",", paramLabel = "N[,N...]", defaultValue = "1,10,50",
            description = "Concurrent clients, one run per count (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--value-bytes", defaultValue = "256", description = "Value size (default: ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--system-warmup", defaultValue = "30",
            description = "After a system starts, seconds of unmeasured load at the largest client count, so JIT "
                    + "compilers and caches settle before any run counts; three JVMs compiling on two cores need 20-30 s "
                    + "(default: ${DEFAULT-VALUE}).")
    int systemWarmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--systems", split = ",", paramLabel = "NAME[,NAME...]",
            defaultValue = "spaxos,etcd,zookeeper,redis-aof,redis-nopersist",
            description = "Systems to compare (default: ${DEFAULT-VALUE}).")
    List<String> systems;

    @Option(names = "--out", defaultValue = "docs/bench", description = "Where the report and plots go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dir", description = "Data directories go here (default: a new directory under java.io.tmpdir); deleted afterwards.")
    Path dir;

    @Option(names = "--keep", description = "Keep the data directories and server logs (for a look after a run).")
    boolean keep;

    @Option(names = "--port-base", defaultValue = "12000",
            description = "Ports used: base..base+3200, all below 32768 (default: ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--client-threads", defaultValue = "1",
            description = "Selector threads of the load generator (default: ${DEFAULT-VALUE}).")
    int clientThreads;

    @Option(names = "--redis-benchmark-requests", defaultValue = "50000",
            description = "Requests of the redis-benchmark cross-check; 0 skips it (default: ${DEFAULT-VALUE}).")
    int redisBenchmarkRequests;

    @Option(names = "--spaxos-java-opts", defaultValue = "",
            description = "JVM options for the spaxos replicas, e.g. to record a JFR profile.")
    String spaxosJavaOpts;

    @Option(names = "--sample-every", defaultValue = "60", description = "Soak: seconds between memory readings (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    private final String commandLine;
    private final PrintStream log = System.out;

    BenchMain(String commandLine) {
        this.commandLine = commandLine;
    }

    public static void main(String[] args) {
        final String line = "bin/spaxos-bench " + String.join(" ", args);
        final CommandLine cli = new CommandLine(new BenchMain(line));
        cli.setExecutionExceptionHandler((e, c, r) -> {
            System.err.println("spaxos-bench: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final int modes = (compare ? 1 : 0) + (soakSeconds != null ? 1 : 0) + (target != null ? 1 : 0);
        if (modes != 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give exactly one of --compare, --soak SECONDS, --target HOST:PORT");
        }
        final BenchOptions options = options();
        if (compare) {
            return new Compare(options, log).run();
        }
        if (soakSeconds != null) {
            if (soakSeconds < 30) {
                throw new IllegalArgumentException("--soak needs at least 30 seconds");
            }
            return new Soak(options, log, soakSeconds, Math.max(10, sampleEvery)).run();
        }
        return runTarget(options);
    }

    private BenchOptions options() {
        for (final String s : systems) {
            if (!Systems.ALL.contains(s)) {
                throw new IllegalArgumentException("unknown system '" + s + "'; known: " + String.join(",", Systems.ALL));
            }
        }
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 4096)) {
            throw new IllegalArgumentException("--clients takes counts in 1..4096");
        }
        if (rounds < 1 || portBase < 1024 || portBase + 3200 >= 32768) {
            throw new IllegalArgumentException("need --rounds >= 1 and --port-base in 1024..29567");
        }
        io.spaxos.bench.cluster.Dirs.keepAll(keep);
        final Path root = Path.of(System.getProperty("spaxos.root", ".")).toAbsolutePath().normalize();
        final Path work = dir != null ? dir.toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), "spaxos-bench-" + ProcessHandle.current().pid());
        final Path outDir = out.isAbsolute() ? out : Path.of(System.getProperty("user.dir")).resolve(out);
        new io.spaxos.bench.load.LoadSpec(1, valueBytes, warmup, seconds); // validates the numbers
        return new BenchOptions(List.copyOf(clients), valueBytes, warmup, seconds, rounds, List.copyOf(systems),
                outDir.normalize(), work, portBase, clientThreads, redisBenchmarkRequests, spaxosJavaOpts, root,
                commandLine, keep, systemWarmup);
    }

    /** One run per client count against a server someone else started; loopback only. */
    private int runTarget(BenchOptions o) throws Exception {
        final int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--target takes HOST:PORT, got " + target);
        }
        final InetAddress host = InetAddress.getByName(target.substring(0, colon));
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--target must be on this machine (loopback), got " + host);
        }
        final InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1)));
        final List<String> lines = new ArrayList<>();
        for (final int c : o.clients()) {
            try (Driver driver = new NioClosedLoopDriver("target", List.of(address), new RespProtocol(), o.clientThreads())) {
                driver.open(c, o.value());
                final LoadResult r = new LoadGenerator(log, 1).run(target + " c=" + c, driver, o.spec(c));
                lines.add(String.format(Locale.ROOT, "%4d clients: %,9.0f ops/s  p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  errors %d",
                        c, r.opsPerSecond(), r.percentileMs(50), r.percentileMs(99), r.percentileMs(99.9), r.errors()));
            }
        }
        log.println();
        lines.forEach(log::println);
        return 0;
    }
}
