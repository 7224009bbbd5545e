package io.spaxos.server.simple;

import static org.awaitility.Awaitility.await;

import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.ProcessCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

/** simplesvr's line protocol, spoken to the replicas of a {@link ProcessCluster}. */
final class SimpleSvr {

    /** The core's proposal timeout: 500 ticks of 10 ms. */
    static final Duration PROPOSAL_TIMEOUT = Duration.ofSeconds(5);
    /** A reply to a PROP: the proposal timeout, plus slack for a loaded machine. */
    static final Duration PROP_REPLY = PROPOSAL_TIMEOUT.plusSeconds(25);
    /** Elections, catch-up after a restart: generous, since a wait by condition ends as soon as it holds. */
    static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    /** GETs per pipelined batch. */
    private static final int GET_BATCH = 500;

    private final ProcessCluster cluster;

    SimpleSvr(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    /** One of the values a replica can hold at an index. */
    record Entry(String reqid, String value) {
        String line(long index) {
            return "VALUE " + index + " " + reqid + " " + value;
        }
    }

    String call(int id, String line) throws IOException {
        try (LineClient client = LineClient.connect(cluster.clientPort(id), PROP_REPLY)) {
            return client.call(line);
        }
    }

    StatusLine status(int id) throws IOException {
        return StatusLine.parse(call(id, "STATUS"));
    }

    Optional<StatusLine> tryStatus(int id) {
        try {
            return Optional.of(status(id));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The index a PROP was chosen at; fails on any other answer. */
    long propChosen(int id, String reqid, String value) throws IOException {
        final String reply = call(id, "PROP " + reqid + " " + value);
        if (!reply.startsWith("CHOSEN ") || !reply.endsWith(" " + reqid)) {
            throw new AssertionError("PROP " + reqid + " to replica " + id + " answered '" + reply + "'");
        }
        return Long.parseLong(reply.split(" ")[1]);
    }

    /** Waits until the running replicas in {@code ids} agree on one live master, and returns it. */
    int awaitMaster(List<Integer> ids) {
        final int[] master = new int[1];
        await("replicas " + ids + " agree on a master").atMost(CONVERGE).pollInterval(POLL).until(() -> {
            final Map<Integer, Integer> seen = new HashMap<>();
            for (final int id : ids) {
                final Optional<StatusLine> s = tryStatus(id);
                if (s.isEmpty() || s.get().master() == 0) {
                    return false;
                }
                seen.put(id, s.get().master());
            }
            final List<Integer> masters = seen.values().stream().distinct().toList();
            master[0] = masters.get(0);
            return masters.size() == 1 && ids.contains(master[0])
                    && tryStatus(master[0]).map(s -> "master".equals(s.role())).orElse(false);
        });
        return master[0];
    }

    /** What replica {@code id} answers to GET of each index: its entry, or empty for "ERR not chosen". */
    Map<Long, Optional<Entry>> getAll(int id, List<Long> indexes) throws IOException {
        final Map<Long, Optional<Entry>> found = new TreeMap<>();
        try (LineClient client = LineClient.connect(cluster.clientPort(id), PROP_REPLY)) {
            for (int from = 0; from < indexes.size(); from += GET_BATCH) {
                final List<Long> batch = indexes.subList(from, Math.min(indexes.size(), from + GET_BATCH));
                final List<String> gets = new ArrayList<>(batch.size());
                batch.forEach(index -> gets.add("GET " + index));
                final List<String> replies = client.callAll(gets);
                for (int i = 0; i < batch.size(); i++) {
                    found.put(batch.get(i), parseValue(batch.get(i), replies.get(i)));
                }
            }
        }
        return found;
    }

    /**
     * Waits until every replica in {@code ids} has applied every index of {@code expected}; true
     * if they did within the deadline (the caller then compares the values).
     */
    boolean awaitApplied(List<Integer> ids, Map<Long, Entry> expected, Duration deadline) {
        final List<Long> indexes = List.copyOf(expected.keySet());
        final long last = indexes.isEmpty() ? 0 : indexes.get(indexes.size() - 1);
        try {
            await("replicas " + ids + " apply up to entry " + last).atMost(deadline).pollInterval(POLL).until(() -> {
                for (final int id : ids) {
                    final Optional<StatusLine> s = tryStatus(id);
                    if (s.isEmpty() || s.get().entries() < last) {
                        return false;
                    }
                }
                return true;
            });
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Indexes whose entry on some replica in {@code ids} is missing or differs from {@code expected}, with what each holds. */
    Map<Long, String> mismatches(List<Integer> ids, Map<Long, Entry> expected) throws IOException {
        final List<Long> indexes = List.copyOf(expected.keySet());
        final Map<Long, String> wrong = new TreeMap<>();
        for (final int id : ids) {
            final Map<Long, Optional<Entry>> held = getAll(id, indexes);
            held.forEach((index, entry) -> {
                if (!entry.equals(Optional.of(expected.get(index)))) {
                    wrong.merge(index, "replica " + id + " holds " + entry.map(e -> e.line(index)).orElse("nothing")
                            + " instead of " + expected.get(index).line(index), (a, b) -> a + "; " + b);
                }
            });
        }
        return wrong;
    }

    /**
     * Indexes, up to the shortest applied log among {@code ids}, where two replicas hold different
     * entries (or one holds none): the logs must be one log, acknowledged entries or not.
     */
    Map<Long, String> divergence(List<Integer> ids) throws IOException {
        long shortest = Long.MAX_VALUE;
        for (final int id : ids) {
            shortest = Math.min(shortest, status(id).entries());
        }
        final List<Long> indexes = LongStream.rangeClosed(1, shortest).boxed().toList();
        final Map<Long, String> diverged = new TreeMap<>();
        final Map<Long, Optional<Entry>> first = getAll(ids.get(0), indexes);
        for (final int id : ids.subList(1, ids.size())) {
            getAll(id, indexes).forEach((index, entry) -> {
                if (!entry.equals(first.get(index)) || entry.isEmpty()) {
                    diverged.merge(index, "replica " + ids.get(0) + " holds " + first.get(index) + ", replica " + id
                            + " holds " + entry, (a, b) -> a + "; " + b);
                }
            });
        }
        return diverged;
    }

    private static Optional<Entry> parseValue(long index, String reply) {
        if ("ERR not chosen".equals(reply)) {
            return Optional.empty();
        }
        final String prefix = "VALUE " + index + " ";
        if (!reply.startsWith(prefix)) {
            throw new AssertionError("GET " + index + " answered '" + reply + "'");
        }
        final String rest = reply.substring(prefix.length());
        final int space = rest.indexOf(' ');
        return Optional.of(space < 0 ? new Entry(rest, "") : new Entry(rest.substring(0, space), rest.substring(space + 1)));
    }
}
