package io.spaxos.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a data directory holds on disk while its storage is open: a copy of it is what a replica
 * killed at that moment (power kept) would find when it restarts. Memtables are not in it.
 */
final class CrashImage {

    private CrashImage() {
    }

    static void copy(Path from, Path to) throws IOException {
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (final Path path : paths) {
            final Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else if (!path.getFileName().toString().equals("LOCK")) {
                Files.copy(path, target);
            }
        }
    }
}
