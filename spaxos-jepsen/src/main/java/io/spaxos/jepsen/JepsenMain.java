package io.spaxos.jepsen;

import io.spaxos.check.Budget;
import io.spaxos.check.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/spaxos-jepsen}: the long form of the fault-injection harness. Exits 0 when the run is
 * valid (linearizable, replicas identical, available after healing), 1 when it is not, 2 when the
 * harness itself could not run.
 */
@Command(name = "spaxos-jepsen", mixinStandardHelpOptions = true,
        description = {"Runs three spaxos replicas as processes on loopback with their peer traffic through proxies, "
                + "several Redis-protocol clients doing GET, SET and SET ... IFEQ (cas) on a few keys, and a nemesis "
                + "that kills, pauses, partitions and restarts replicas. Then heals everything, checks that every "
                + "replica holds the same data, and checks the clients' history for linearizability.",
                "Writes history.jsonl (one operation a line), nemesis.jsonl, verdict.txt and the replicas' configs, "
                        + "logs and data to the output folder. On a violation it prints the smallest failing "
                        + "sub-history it can find."})
public final class JepsenMain implements Callable<Integer> {

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long the nemesis injects faults (default ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--nemesis", paramLabel = "KINDS", defaultValue = "all",
            description = "all, none, or a comma-separated list of kill, pause, partition, restart (default ${DEFAULT-VALUE})")
    String nemesis;

    @Option(names = "--read-mode", paramLabel = "MODE", defaultValue = "linearizable",
            description = "the replicas' read_mode: linearizable, or local (fast, possibly stale; should fail)")
    String readMode;

    @Option(names = "--out", paramLabel = "DIR", description = "the run's folder (default jepsen-runs/<time>); must be new or empty")
    Path out;

    @Option(names = "--clients", defaultValue = "5", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--keys", defaultValue = "3", description = "keys in use at a time (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--ops-per-key", defaultValue = "1000",
            description = "operations on a key before it is replaced by a fresh one (default ${DEFAULT-VALUE})")
    int opsPerKey;

    @Option(names = "--seed", description = "drives the harness's random choices (default: random)")
    Long seed;

    @Option(names = "--port-slot", defaultValue = "0",
            description = "block of 100 loopback ports from 25000+100*SLOT, 0..9 (default ${DEFAULT-VALUE})")
    int portSlot;

    @Option(names = "--check", paramLabel = "FILE",
            description = "check a recorded history.jsonl again instead of running; exits 0 if linearizable")
    Path check;

    @Option(names = "--check-minutes", defaultValue = "10",
            description = "time budget of the linearizability check (default ${DEFAULT-VALUE})")
    long checkMinutes;

    public static void main(String[] args) {
        final CommandLine cli = new CommandLine(new JepsenMain());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            System.err.println("spaxos-jepsen: " + e);
            e.printStackTrace();
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (check != null) {
            return recheck();
        }
        final Path folder = out != null ? out
                : Path.of("jepsen-runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--out " + folder + " is not empty; give a new folder");
                }
            }
        }
        final long runSeed = seed != null ? seed : System.nanoTime();
        final RunOptions options = RunOptions.defaults(Duration.ofSeconds(seconds), FaultKind.parse(nemesis), readMode,
                        folder.toAbsolutePath(), Ports.slot(portSlot, 3), runSeed)
                .withKeys(keys, opsPerKey).withClients(clients).withCheckBudget(Budget.ofTime(Duration.ofMinutes(checkMinutes)));
        final RunReport report = JepsenRun.run(options);
        System.out.println();
        System.out.println(report.summary());
        System.out.println("history, nemesis log, verdict and replica logs: " + options.out());
        return report.valid() ? 0 : 1;
    }

    private int recheck() throws IOException {
        final List<Op> ops = HistoryFile.read(check);
        System.out.println("checking " + ops.size() + " operations from " + check);
        final HistoryCheck.Verdict verdict = HistoryCheck.check(ops, Budget.ofTime(Duration.ofMinutes(checkMinutes)),
                Budget.ofTime(Duration.ofMinutes(2)));
        System.out.println(verdict.brief(12));
        if (verdict.verdict() == CheckResult.Verdict.NOT_LINEARIZABLE) {
            System.out.println();
            System.out.println(HistoryCheck.explainSmallest(verdict));
        }
        return verdict.linearizable() ? 0 : 1;
    }
}
