package io.spaxos.jepsen;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * After every fault is healed: do all replicas end in the same state? A write goes through the
 * log first (so each replica has something to catch up to), then the harness waits until every
 * replica reports the same last applied entry, and compares what each one holds: its
 * {@code DEBUG DIGEST} (a hash of all its data) and every key's value, read from it.
 */
final class Convergence {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    private static final int COMPARISONS = 5;
    /** Final reads are processes of their own, far above the clients' numbers. */
    static final int FINAL_READ_PROCESS = 1_000_000;

    /**
     * @param identical  every replica holds the same data
     * @param detail     what was compared, and any difference
     * @param finalReads each key read from each replica, as operations of their own processes
     */
    record Result(boolean identical, String detail, List<Op> finalReads) {
    }

    private final Cluster cluster;
    private final RunClock clock;

    Convergence(Cluster cluster, RunClock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    Result check(List<String> keys) {
        final long barrierEntry = writeBarrier();
        String lastDifference = "";
        for (int attempt = 1; attempt <= COMPARISONS; attempt++) {
            final long entries = awaitSameAppliedEntry(barrierEntry);
            final Map<Integer, String> digests = new TreeMap<>();
            final List<Op> reads = new ArrayList<>();
            final Map<String, Map<Integer, Object>> values = new LinkedHashMap<>();
            for (final int id : cluster.ids()) {
                try (Connection connection = new Connection(id)) {
                    final RespReply digest = connection.call("DEBUG", "DIGEST");
                    digests.put(id, digest instanceof RespReply.Bulk bulk ? bulk.text() : "(" + digest + ")");
                    for (final String key : keys) {
                        final Op read = read(connection, key);
                        reads.add(read);
                        values.computeIfAbsent(key, k -> new TreeMap<>())
                                .put(id, read.type() == Op.Type.OK ? read.result() : "(" + read.error() + ")");
                    }
                }
            }
            final List<String> differing = values.entrySet().stream()
                    .filter(e -> e.getValue().values().stream().distinct().count() > 1)
                    .map(e -> e.getKey() + "=" + e.getValue()).toList();
            if (digests.values().stream().distinct().count() == 1 && differing.isEmpty()) {
                return new Result(true, "all " + cluster.ids().size() + " replicas applied " + entries
                        + " entries and hold the same data (digest " + digests.values().iterator().next()
                        + ", " + keys.size() + " keys compared)", reads);
            }
            lastDifference = "digests " + digests + ", differing keys " + differing;
            System.out.println("jepsen: replicas differ (attempt " + attempt + "): " + lastDifference);
        }
        return new Result(false, "replicas hold different data after " + COMPARISONS + " comparisons: "
                + lastDifference, List.of());
    }

    /**
     * Writes through the log until a write succeeds; the highest applied entry reported just
     * after. Always the same value: an attempt whose outcome was unknown may still be applied
     * later, and must then change nothing.
     */
    private long writeBarrier() {
        final long[] entry = {0};
        Waits.until("a write to succeed after healing", DEADLINE, POLL, () -> {
            for (final int id : cluster.ids()) {
                if (call(id, "SET", "jepsen-barrier", "done") instanceof RespReply.Simple) {
                    entry[0] = cluster.status(id).map(LineStatus::entries).orElse(0L);
                    return true;
                }
            }
            return false;
        });
        return entry[0];
    }

    /** Waits until every replica reports one last applied entry, at least {@code atLeast}, twice in a row. */
    private long awaitSameAppliedEntry(long atLeast) {
        final long[] previous = {-1};
        Waits.until("every replica to apply the same entries", DEADLINE, POLL, () -> {
            final List<Long> entries = new ArrayList<>();
            for (final int id : cluster.ids()) {
                final Optional<LineStatus> status = cluster.status(id);
                if (status.isEmpty() || status.get().failed()) {
                    return false;
                }
                entries.add(status.get().entries());
            }
            final boolean same = entries.stream().distinct().count() == 1 && entries.get(0) >= atLeast;
            final boolean stable = same && entries.get(0) == previous[0];
            previous[0] = same ? entries.get(0) : -1;
            return stable;
        });
        return previous[0];
    }

    private Op read(Connection connection, String key) {
        final long invokeUs = clock.nowUs();
        final RespReply reply = connection.call("GET", key);
        final Outcomes.Outcome outcome = reply == null ? Outcomes.of(new IOException("no reply"))
                : Outcomes.of(Op.Fn.READ, reply);
        return new Op(FINAL_READ_PROCESS + connection.id, connection.id, key, Op.Fn.READ, null, null, invokeUs,
                clock.nowUs(), outcome.type(), outcome.result(), outcome.error());
    }

    /** One command on a fresh connection; null when there is no reply. */
    private RespReply call(int id, String... command) {
        try (Connection connection = new Connection(id)) {
            return connection.call(command);
        }
    }

    /** A connection to one replica that reconnects after an error; a call without a reply answers null. */
    private final class Connection implements AutoCloseable {
        private final int id;
        private RespClient client;

        Connection(int id) {
            this.id = id;
        }

        RespReply call(String... command) {
            try {
                if (client == null) {
                    client = RespClient.connect(cluster.ports().redis(id), Worker.CONNECT_TIMEOUT, CALL_TIMEOUT);
                }
                return Objects.requireNonNull(client.call(command));
            } catch (IOException e) {
                close();
                return null;
            }
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }
}
