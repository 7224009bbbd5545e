package io.spaxos.jepsen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Injects faults on a schedule until its end time: a quiet spell, a fault held for a while, its
 * undoing, again. One fault at a time, each bounded in time, each logged to {@code nemesis.jsonl}
 * when it starts and when it is undone.
 */
final class Nemesis implements Runnable {

    /**
     * @param quietMin  shortest spell without a fault, between two faults
     * @param holdMin   shortest time a fault is held before it is undone
     */
    record Schedule(Duration quietMin, Duration quietMax, Duration holdMin, Duration holdMax) {

        /** Faults of 3-8 s with 2-5 s between them: long enough for elections, short enough for many faults. */
        static final Schedule DEFAULT = new Schedule(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    /** How often each kind is drawn, relative to the others: a full-cluster restart is the rarest. */
    private static final Map<FaultKind, Integer> WEIGHTS = Map.of(
            FaultKind.KILL, 3, FaultKind.PAUSE, 3, FaultKind.PARTITION, 4, FaultKind.RESTART, 1);

    private final Faults faults;
    private final List<FaultKind> kinds;
    private final Schedule schedule;
    private final Random random;
    private final RunClock clock;
    private final BufferedWriter log;
    private final long endNs;
    private final EnumMap<FaultKind, Integer> done = new EnumMap<>(FaultKind.class);
    private volatile RuntimeException failure;

    Nemesis(Faults faults, Set<FaultKind> kinds, Schedule schedule, Random random, RunClock clock, Path logFile,
            long endNs) {
        this.faults = faults;
        this.kinds = new ArrayList<>(kinds);
        this.schedule = schedule;
        this.random = random;
        this.clock = clock;
        this.endNs = endNs;
        try {
            this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    @Override
    public void run() {
        try {
            while (!kinds.isEmpty() && System.nanoTime() - endNs < 0) {
                Waits.pause(between(schedule.quietMin(), schedule.quietMax()));
                if (System.nanoTime() - endNs >= 0) {
                    break;
                }
                faults.cluster().noteUnexpectedExits();
                final Fault fault = faults.inject(pick());
                write("start", fault);
                Waits.pause(between(schedule.holdMin(), schedule.holdMax()));
                fault.undo().run();
                write("end", fault);
                synchronized (done) {
                    done.merge(fault.kind(), 1, Integer::sum);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            System.err.println("jepsen: the nemesis failed: " + e);
        } finally {
            try {
                log.close();
            } catch (IOException ignored) {
                // The log is a record for people; the counts are kept in memory.
            }
        }
    }

    /** Faults injected and undone, by kind. */
    Map<FaultKind, Integer> done() {
        synchronized (done) {
            return new EnumMap<>(done);
        }
    }

    /** Why the nemesis stopped early (a replica that would not restart), if it did. */
    RuntimeException failure() {
        return failure;
    }

    private FaultKind pick() {
        final int total = kinds.stream().mapToInt(WEIGHTS::get).sum();
        int draw = random.nextInt(total);
        for (final FaultKind kind : kinds) {
            draw -= WEIGHTS.get(kind);
            if (draw < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    private Duration between(Duration min, Duration max) {
        final long spanMs = Math.max(0, max.toMillis() - min.toMillis());
        return min.plusMillis(spanMs == 0 ? 0 : random.nextLong(spanMs + 1));
    }

    private void write(String phase, Fault fault) {
        final String line = "{\"time_us\":" + clock.nowUs() + ",\"phase\":\"" + phase + "\",\"fault\":\""
                + fault.kind().cliName() + "\",\"what\":" + ConfigFile.quote(fault.description()) + "}";
        System.out.println("jepsen: nemesis " + phase + ": " + fault.description());
        try {
            log.write(line);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nemesis log", e);
        }
    }
}
