package io.spaxos.jepsen;

import io.spaxos.check.Budget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One run: start the cluster, run the clients while the nemesis injects faults, heal, let the
 * clients see the healed cluster, stop them, compare the replicas, check the history, and write
 * everything to the run's folder ({@code history.jsonl}, {@code nemesis.jsonl},
 * {@code verdict.txt}, the replicas' configs, logs and data).
 */
final class JepsenRun {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** On top of the run time: the last fault's hold, a restart, a quiet spell. */
    private static final Duration NEMESIS_SLACK = Duration.ofMinutes(5);
    private static final Duration MASTER_DEADLINE = Duration.ofSeconds(60);
    private static final Duration MINIMIZE_TIME = Duration.ofMinutes(2);
    /** After the last fault is undone, the cluster must serve a client again within this. */
    static final Duration SERVICE_DEADLINE = Duration.ofSeconds(60);

    private final RunOptions options;
    private final RunClock clock = new RunClock();
    private final long startNs = System.nanoTime();

    private JepsenRun(RunOptions options) {
        this.options = options;
    }

    static RunReport run(RunOptions options) {
        return new JepsenRun(options).run();
    }

    private RunReport run() {
        try {
            Files.createDirectories(options.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.out(), e);
        }
        final Random random = new Random(options.seed());
        try (Cluster cluster = Cluster.create(options.out(), options.ports(),
                ConfigFile.loadedMachine("jepsen", options.readMode()), options.replicaClasspath());
             HistoryLog history = new HistoryLog(options.out().resolve("history.jsonl"))) {
            cluster.startAll();
            final int master = cluster.awaitMaster(MASTER_DEADLINE);
            System.out.println("jepsen: " + cluster.ids().size() + " replicas up, master " + master + ", read_mode "
                    + options.readMode() + ", seed " + options.seed() + ", folder " + options.out());
            final KeySpace keys = new KeySpace(options.activeKeys(), options.opsPerKey());
            final Clients clients = Clients.start(options, keys, history, clock, random);
            try {
                final Nemesis nemesis = new Nemesis(new Faults(cluster, new Random(random.nextLong())),
                        options.nemeses(), options.schedule(), new Random(random.nextLong()), clock,
                        options.out().resolve("nemesis.jsonl"), System.nanoTime() + options.time().toNanos());
                final Thread nemesisThread = new Thread(nemesis, "jepsen-nemesis");
                nemesisThread.setDaemon(true);
                nemesisThread.start();
                awaitNemesis(nemesisThread, nemesis, history);

                cluster.healEverything();
                final long healedUs = clock.nowUs();
                awaitService(history, healedUs);
                System.out.println("jepsen: healed; clients run on for " + options.recovery().toSeconds() + " s");
                Waits.pause(options.recovery());
                clients.stopAndAwait(options.opTimeout());
                return verify(cluster, history, keys, nemesis, healedUs);
            } finally {
                clients.stop();
            }
        }
    }

    /** After the clients stopped: compare the replicas, check the history, write the verdict. */
    private RunReport verify(Cluster cluster, HistoryLog history, KeySpace keys, Nemesis nemesis, long healedUs) {
        final List<Op> clientOps = history.ops();
        final long okAfterHeal = clientOps.stream()
                .filter(op -> op.type() == Op.Type.OK && op.invokeUs() >= healedUs).count();
        final Convergence.Result convergence = new Convergence(cluster, clock).check(keys.allKeys());
        cluster.noteUnexpectedExits();
        final List<Op> checked = new ArrayList<>(clientOps);
        if ("linearizable".equals(options.readMode())) {
            // Reads through the log after the run are linearizable operations too: they catch a
            // write that was acknowledged and then lost.
            convergence.finalReads().forEach(history::add);
            checked.addAll(convergence.finalReads());
        }
        history.flush();
        System.out.println("jepsen: checking " + checked.size() + " operations on " + keys.allKeys().size() + " keys");
        final HistoryCheck.Verdict verdict = HistoryCheck.check(checked, options.checkBudget(),
                Budget.ofTime(MINIMIZE_TIME));
        final RunReport report = new RunReport(options, Duration.ofNanos(System.nanoTime() - startNs), clientOps,
                nemesis.done(), nemesis.failure() == null ? null : nemesis.failure().toString(),
                cluster.unexpectedExits(), okAfterHeal, verdict, convergence);
        try {
            Files.writeString(options.out().resolve("verdict.txt"), report.summary());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict", e);
        }
        return report;
    }

    /**
     * Waits until an operation invoked after healing succeeds: elections and catch-up take a
     * while, longer on a loaded machine. Not succeeding within {@link #SERVICE_DEADLINE} is a
     * finding (the report counts no operation after healing), not an error of the harness.
     */
    private void awaitService(HistoryLog history, long healedUs) {
        try {
            Waits.until("an operation to succeed after healing", SERVICE_DEADLINE, Duration.ofMillis(50),
                    () -> history.succeededSince(healedUs));
        } catch (IllegalStateException unavailable) {
            System.out.println("jepsen: no operation succeeded within " + SERVICE_DEADLINE + " of healing");
        }
    }

    private void awaitNemesis(Thread nemesisThread, Nemesis nemesis, HistoryLog history) {
        final long deadlineNs = System.nanoTime() + options.time().plus(NEMESIS_SLACK).toNanos();
        while (nemesisThread.isAlive() && System.nanoTime() - deadlineNs < 0) {
            try {
                nemesisThread.join(PROGRESS_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the nemesis", e);
            }
            final List<Op> ops = history.ops();
            System.out.printf("jepsen: %4d s  %d ops (%d ok, %d failed, %d indefinite), %d faults%n",
                    clock.nowUs() / 1_000_000, ops.size(),
                    ops.stream().filter(op -> op.type() == Op.Type.OK).count(),
                    ops.stream().filter(op -> op.type() == Op.Type.FAIL).count(),
                    ops.stream().filter(op -> op.type() == Op.Type.INFO).count(),
                    nemesis.done().values().stream().mapToInt(Integer::intValue).sum());
            history.flush();
        }
        if (nemesisThread.isAlive()) {
            throw new IllegalStateException("the nemesis still runs " + NEMESIS_SLACK + " after the run's end");
        }
    }
}
