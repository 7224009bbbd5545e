package io.spaxos.jepsen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** The short-form runs of the Maven build: one folder each under {@code target/jepsen-it}, kept for reading. */
final class Scenarios {

    static final String WORK_DIR_PROPERTY = "spaxos.jepsen.workDir";
    /** Blocks 1..9 of this module's ports; 0 is the long form's default. */
    private static final int SLOTS = 9;

    private Scenarios() {
    }

    static RunOptions options(String name, int portSlot, Set<FaultKind> nemeses, String readMode, Duration time,
                              long seed) {
        final Path out = Path.of(System.getProperty(WORK_DIR_PROPERTY, "target/jepsen-it")).toAbsolutePath()
                .resolve(name);
        deleteRecursively(out);
        return RunOptions.defaults(time, nemeses, readMode, out, freeSlot(portSlot), seed);
    }

    /**
     * The preferred block of ports, or the next one that is free: another build running these
     * tests at the same time (a CI clone, say) holds some blocks for minutes.
     */
    static Ports freeSlot(int preferred) {
        for (int i = 0; i < SLOTS; i++) {
            final Ports ports = Ports.slot(1 + Math.floorMod(preferred - 1 + i, SLOTS), 3);
            if (ports.firstBusy().isEmpty()) {
                return ports;
            }
        }
        throw new IllegalStateException("every block of ports from slot 1 to " + SLOTS + " is in use");
    }

    static RunReport run(RunOptions options) {
        final RunReport report = JepsenRun.run(options);
        System.out.println(report.summary());
        return report;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
