package io.spaxos.server.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a replica's log file: its size, what came after an offset, its tail. */
final class ReplicaLog {

    /** A tail is read from at most this many bytes at the end: a kill loop's logs grow long. */
    private static final long MAX_TAIL_BYTES = 64 << 10;

    private ReplicaLog() {
    }

    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String since(Path log, long offset) {
        if (!Files.exists(log)) {
            return "";
        }
        try {
            final byte[] all = Files.readAllBytes(log);
            return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines, or why there are none; never throws, as it reports a failure. */
    static String tail(Path log, int lines) {
        if (!Files.exists(log)) {
            return "(no log yet)";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            final long from = Math.max(0, file.length() - MAX_TAIL_BYTES);
            final byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            final List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
