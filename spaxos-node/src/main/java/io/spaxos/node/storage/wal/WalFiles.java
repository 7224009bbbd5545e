package io.spaxos.node.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The files of a write-ahead-log directory: live segments {@code segment-<seq>.wal}, spare files
 * {@code spare-<n>.wal} kept for reuse, and {@code .tmp} files being filled with zeros. Every
 * create, rename and delete is made durable (the directory is synced) before it returns, so after a
 * crash the directory shows exactly the segments that were live.
 */
final class WalFiles {

    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SPARE_PREFIX = "spare-";
    private static final String SUFFIX = ".wal";
    private static final String TMP_SUFFIX = ".tmp";
    private static final int ZERO_CHUNK_BYTES = 1 << 20;

    final Path dir;
    private final AtomicLong nextSpareNumber = new AtomicLong();

    WalFiles(Path dir) {
        this.dir = dir;
    }

    Path segment(long seq) {
        return dir.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, seq, SUFFIX));
    }

    private Path spare(long number) {
        return dir.resolve(String.format("%s%020d%s", SPARE_PREFIX, number, SUFFIX));
    }

    /** Live segments by sequence number; leftovers of an interrupted spare creation are deleted. */
    TreeMap<Long, Path> listSegments(List<Path> spares) throws IOException {
        final TreeMap<Long, Path> segments = new TreeMap<>();
        final List<Path> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(names::add);
        }
        long maxSpare = -1;
        for (final Path file : names) {
            final String name = file.getFileName().toString();
            if (name.endsWith(TMP_SUFFIX)) {
                Files.delete(file);
            } else if (name.startsWith(SEGMENT_PREFIX) && name.endsWith(SUFFIX)) {
                segments.put(number(name, SEGMENT_PREFIX), file);
            } else if (name.startsWith(SPARE_PREFIX) && name.endsWith(SUFFIX)) {
                spares.add(file);
                maxSpare = Math.max(maxSpare, number(name, SPARE_PREFIX));
            }
        }
        nextSpareNumber.set(maxSpare + 1);
        syncDir();
        return segments;
    }

    static boolean holdsSegments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(SEGMENT_PREFIX));
        }
    }

    /**
     * A new spare of {@code bytes} zeros. Written out rather than allocated sparsely: overwriting
     * blocks the file system already holds needs no metadata commit on each sync, appending does.
     */
    Path createZeroed(long bytes) throws IOException {
        final long number = nextSpareNumber.getAndIncrement();
        final Path tmp = tmpSpare(number);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK_BYTES);
            for (long at = 0; at < bytes; at += ZERO_CHUNK_BYTES) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK_BYTES, bytes - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
        return publish(tmp, number);
    }

    /** A new spare of {@code bytes} that holds no blocks yet: instant, but slower to fill. */
    Path createSparse(long bytes) throws IOException {
        final long number = nextSpareNumber.getAndIncrement();
        final Path tmp = tmpSpare(number);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(1), bytes - 1);
            channel.force(true);
        }
        return publish(tmp, number);
    }

    private Path tmpSpare(long number) {
        return dir.resolve(spare(number).getFileName() + TMP_SUFFIX);
    }

    private Path publish(Path tmp, long number) throws IOException {
        final Path spare = spare(number);
        moveDurably(tmp, spare);
        return spare;
    }

    /** Turns a segment whose records are all stored elsewhere into a spare. */
    Path retire(Path segment) throws IOException {
        final Path spare = spare(nextSpareNumber.getAndIncrement());
        moveDurably(segment, spare);
        return spare;
    }

    void deleteDurably(Path file) throws IOException {
        Files.delete(file);
        syncDir();
    }

    void moveDurably(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDir();
    }

    void syncDir() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static long number(String name, String prefix) throws IOException {
        try {
            return Long.parseLong(name.substring(prefix.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file name " + name);
        }
    }
}
