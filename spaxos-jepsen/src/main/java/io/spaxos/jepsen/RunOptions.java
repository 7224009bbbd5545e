package io.spaxos.jepsen;

import io.spaxos.check.Budget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One harness run's settings.
 *
 * @param time             how long the nemesis injects faults (clients run from before until after)
 * @param nemeses          the kinds of fault drawn from; empty for a run without faults
 * @param readMode         the replicas' {@code read_mode}: {@code linearizable} or {@code local}
 * @param clients          concurrent clients
 * @param activeKeys       keys in use at a time
 * @param opsPerKey        operations on a key before it is retired for a fresh one
 * @param out              the run's folder: configs, replica logs and data, history, verdict
 * @param ports            the cluster's block of loopback ports
 * @param seed             drives every random choice of the harness (not the processes' timing)
 * @param opTimeout        a client gives up on a reply after this long: the operation is indefinite.
 *                         Longer than the server's own 5 s proposal deadline, so most doubtful
 *                         outcomes come back as answers
 * @param recovery         after the last fault is healed, how long clients keep going before
 *                         they stop: the cluster must serve them again by then
 * @param checkBudget      the linearizability check's budget
 * @param replicaClasspath the class path the replica JVMs run with
 */
record RunOptions(Duration time, Set<FaultKind> nemeses, String readMode, int clients, int activeKeys, int opsPerKey,
                  Path out, Ports ports, long seed, Duration opTimeout, Duration recovery, Nemesis.Schedule schedule,
                  Budget checkBudget, String replicaClasspath) {

    static final String REPLICA_CLASSPATH_PROPERTY = "spaxos.jepsen.replicaClasspath";

    RunOptions {
        if (!"linearizable".equals(readMode) && !"local".equals(readMode)) {
            throw new IllegalArgumentException("read mode must be linearizable or local: " + readMode);
        }
        if (clients < 1 || clients > 100) {
            throw new IllegalArgumentException("clients must be 1..100: " + clients);
        }
        nemeses = Set.copyOf(nemeses);
    }

    /** Five clients on three keys at a time, default timings; the replicas' class path from the system property. */
    static RunOptions defaults(Duration time, Set<FaultKind> nemeses, String readMode, Path out, Ports ports, long seed) {
        return new RunOptions(time, nemeses, readMode, 5, 3, 1_000, out, ports, seed, Duration.ofSeconds(8),
                Duration.ofSeconds(5), Nemesis.Schedule.DEFAULT, Budget.ofTime(Duration.ofMinutes(5)),
                defaultReplicaClasspath());
    }

    RunOptions withSchedule(Nemesis.Schedule newSchedule) {
        return new RunOptions(time, nemeses, readMode, clients, activeKeys, opsPerKey, out, ports, seed, opTimeout,
                recovery, newSchedule, checkBudget, replicaClasspath);
    }

    RunOptions withKeys(int newActiveKeys, int newOpsPerKey) {
        return new RunOptions(time, nemeses, readMode, clients, newActiveKeys, newOpsPerKey, out, ports, seed,
                opTimeout, recovery, schedule, checkBudget, replicaClasspath);
    }

    RunOptions withClients(int newClients) {
        return new RunOptions(time, nemeses, readMode, newClients, activeKeys, opsPerKey, out, ports, seed, opTimeout,
                recovery, schedule, checkBudget, replicaClasspath);
    }

    RunOptions withCheckBudget(Budget newBudget) {
        return new RunOptions(time, nemeses, readMode, clients, activeKeys, opsPerKey, out, ports, seed, opTimeout,
                recovery, schedule, newBudget, replicaClasspath);
    }

    /** {@value #REPLICA_CLASSPATH_PROPERTY} if set (bin/spaxos-jepsen, the Maven tests), else this JVM's class path. */
    static String defaultReplicaClasspath() {
        return System.getProperty(REPLICA_CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
    }
}
