package io.spaxos.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data directories of the runs: created fresh, deleted after. */
public final class Dirs {

    private static volatile boolean keep;

    private Dirs() {
    }

    /** --keep: leave data directories and server logs in place for a look after the run. */
    public static void keepAll(boolean keepAll) {
        keep = keepAll;
    }

    public static void deleteQuietly(Path dir) {
        if (keep || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("  warning: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Bytes of all files under {@code dir}. */
    public static long sizeBytes(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
