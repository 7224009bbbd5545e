package io.spaxos.bench.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.HdrHistogram.Histogram;

/**
 * The disk's floor for a durable write: append 4 KiB and {@code FileChannel.force(false)}
 * (fdatasync), one writer, as a log would. Every durable system here pays at least this per batch.
 */
public final class FsyncProbe {

    private static final int BLOCK_BYTES = 4096;

    private FsyncProbe() {
    }

    /** Runs for about {@code millis} ms or {@code maxSyncs} syncs, in a file under {@code dir}. */
    public static Probe measure(Path dir, long millis, int maxSyncs) throws IOException {
        Files.createDirectories(dir);
        final Path file = Files.createTempFile(dir, "fsync-probe", ".dat");
        final Histogram h = new Histogram(3);
        final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
        final long start = System.nanoTime();
        final long deadline = start + millis * 1_000_000L;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < maxSyncs && System.nanoTime() < deadline; i++) {
                block.clear();
                block.putLong(0, i);
                final long t0 = System.nanoTime();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
                ch.force(false);
                h.recordValue(System.nanoTime() - t0);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new Probe("4 KiB append + fdatasync", h, (System.nanoTime() - start) / 1e9);
    }
}
